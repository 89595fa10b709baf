# frozen_string_literal: true

# Response headers: a Hash whose lookups ignore the case of header names.
# Names are stored in lower case; `add` joins the values of a header sent
# several times with ", ".
#
#   headers['Content-Type']   # => "application/json"
#   headers['content-type']   # => "application/json"
class Headers < Hash
  # @param pairs [Hash, Array<Array(String, String)>] names and values.
  def initialize(pairs = {})
    super()
    pairs.each { |name, value| add(name, value) }
  end

  # Adds a value to header `name`, after any it already has.
  def add(name, value)
    key = name.to_s.downcase
    store(key, key?(key) ? "#{fetch(key)}, #{value}" : value.to_s)
  end

  def [](name)
    super(name.to_s.downcase)
  end

  def []=(name, value)
    super(name.to_s.downcase, value.to_s)
  end

  def fetch(name, *rest, &block)
    super(name.to_s.downcase, *rest, &block)
  end

  def key?(name)
    super(name.to_s.downcase)
  end

  alias_method :include?, :key?
  alias_method :has_key?, :key?
  alias_method :member?, :key?

  def delete(name, &block)
    super(name.to_s.downcase, &block)
  end
end
