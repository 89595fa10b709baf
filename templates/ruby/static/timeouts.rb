# frozen_string_literal: true

# How long to wait, in seconds, before giving up with ApiTimeoutError.
#
#   Timeouts.new                          # 10 s to connect, 60 s between bytes of the response
#   Timeouts.new(connect: 3, read: 300)   # a slow report endpoint
#   Timeouts.new(read: nil)               # wait for the response forever
#
# `connect` bounds establishing the connection (TLS included), `read` each
# wait for response data (not the whole response) and for sending the body.
# nil means wait forever; 0 and negative values are rejected (ArgumentError):
# they would fail every request. (The name is plural so that it does not
# hide Ruby's own Timeout module inside the client's module.)
class Timeouts
  DEFAULT_CONNECT = 10.0
  DEFAULT_READ = 60.0

  attr_reader :connect, :read

  def initialize(connect: DEFAULT_CONNECT, read: DEFAULT_READ)
    @connect = Timeouts.seconds(:connect, connect)
    @read = Timeouts.seconds(:read, read)
    freeze
  end

  # A Timeouts from what a caller may pass as `timeout:`: nil (the default),
  # a number of seconds for both limits, a Hash with :connect and :read, or a
  # Timeouts.
  def self.coerce(value, default = nil)
    case value
    when nil then default || new
    when Timeouts then value
    when Numeric then new(connect: value, read: value)
    when Hash
      unknown = value.keys - %i[connect read]
      raise ArgumentError, "unknown timeout keys: #{unknown.inspect}" unless unknown.empty?

      new(**value)
    else raise ArgumentError, "timeout must be a number of seconds, a Hash or a Timeouts, not #{value.class}"
    end
  end

  def self.seconds(name, value)
    return nil if value.nil?
    unless value.is_a?(Numeric) && value.positive? && value.finite?
      raise ArgumentError, "timeout #{name} must be a positive number of seconds or nil, not #{value.inspect}"
    end

    value.to_f
  end

  def ==(other)
    other.is_a?(Timeouts) && other.connect == connect && other.read == read
  end

  def inspect
    "#<#{self.class.name} connect=#{connect.inspect} read=#{read.inspect}>"
  end
end
