# frozen_string_literal: true

# Base of the generated models.
#
# A model declares its fields with `field`, in the order of the API
# description; its constructor takes them positionally in that order (required
# fields first). Each field's reader returns the value, or nil when the field
# was never set; `to_hash` leaves never-set fields out and writes fields set to
# nil as null. Models that keep unknown keys hold them in
# `additional_properties` and send them back as given.
class BaseModel
  # What the class knows about one field.
  FieldInfo = Struct.new(:name, :key, :required, :secret, :decode)

  class << self
    # The fields of this model, in declaration order.
    def fields
      @fields ||= []
    end

    # Whether keys the API description does not name are kept.
    def keeps_additional_properties?
      @keeps_additional_properties || false
    end

    # Builds a model from decoded JSON (a Hash with String keys). Keys the
    # model does not name are kept in `additional_properties` when the model
    # keeps them. Returns nil for nil.
    #
    # Raises TypeError when `hash` is not a Hash, KeyError when a required key
    # is missing.
    def from_hash(hash)
      return nil if hash.nil?
      raise TypeError, "#{name} expects a JSON object, not #{hash.class}" unless hash.is_a?(Hash)

      model = allocate
      model.send(:load_hash, hash)
      model
    end

    private

    # Declares a field: `name` is the Ruby attribute, `key` the JSON key,
    # `decode` turns a non-null JSON value into the field's type.
    def field(name, key, required: false, secret: false, decode: nil)
      fields << FieldInfo.new(name, key, required, secret, decode).freeze
      variable = :"@#{name}"
      define_method(name) do
        value = instance_variable_get(variable)
        value.equal?(UNSET) ? nil : value
      end
      define_method(:"#{name}=") { |value| instance_variable_set(variable, value) }
    end

    # Declares that the model keeps unknown keys; `decode` turns each value.
    def keep_additional_properties(decode = nil)
      @keeps_additional_properties = true
      @additional_decode = decode
    end

    attr_reader :additional_decode
  end

  # Keys the API description does not name, with their values.
  def additional_properties
    @additional_properties ||= {}
  end

  attr_writer :additional_properties

  # Whether field `name` was given (nil included), as opposed to never set.
  def field_set?(name)
    info = self.class.fields.find { |f| f.name == name.to_sym }
    raise ArgumentError, "#{self.class.name} has no field #{name.inspect}" if info.nil?

    !instance_variable_get(:"@#{info.name}").equal?(UNSET)
  end

  # JSON-ready data: fields never set are left out, nil is written as null.
  def to_hash
    data = {}
    additional_properties.each { |key, value| data[key.to_s] = JsonCodec.plain(value) }
    self.class.fields.each do |info|
      value = instance_variable_get(:"@#{info.name}")
      data[info.key] = JsonCodec.plain(value) unless value.equal?(UNSET)
    end
    data
  end

  alias_method :to_h, :to_hash

  # The model as JSON text.
  def to_json(*args)
    to_hash.to_json(*args)
  end

  def ==(other)
    other.class == self.class && other.to_hash == to_hash
  end

  alias_method :eql?, :==

  def hash
    [self.class, to_hash].hash
  end

  # Shows the fields that were set; secrets (passwords) are never shown.
  def inspect
    shown = self.class.fields.filter_map do |info|
      value = instance_variable_get(:"@#{info.name}")
      next if value.equal?(UNSET)

      "#{info.name}=#{info.secret ? '[redacted]' : value.inspect}"
    end
    shown << "additional_properties=#{additional_properties.inspect}" unless additional_properties.empty?
    "#<#{self.class.name}#{shown.empty? ? '' : ' '}#{shown.join(', ')}>"
  end

  alias_method :to_s, :inspect

  private

  def load_hash(hash)
    known = {}
    self.class.fields.each do |info|
      known[info.key] = true
      variable = :"@#{info.name}"
      if hash.key?(info.key)
        value = hash[info.key]
        instance_variable_set(variable, value.nil? || info.decode.nil? ? value : info.decode.call(value))
      elsif info.required
        raise KeyError, "#{self.class.name}: the required key #{info.key.inspect} is missing"
      else
        instance_variable_set(variable, UNSET)
      end
    end
    return unless self.class.keeps_additional_properties?

    decode = self.class.send(:additional_decode)
    @additional_properties = hash.each_with_object({}) do |(key, value), extra|
      next if known.key?(key)

      extra[key] = value.nil? || decode.nil? ? value : decode.call(value)
    end
  end
end
