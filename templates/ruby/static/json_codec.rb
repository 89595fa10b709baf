# frozen_string_literal: true

require 'json'

# JSON as it travels on the wire: compact UTF-8 text out, bytes in.
module JsonCodec
  # The JSON text of `value` (nil becomes null). Models are written through
  # their `to_hash`. Raises JSON::GeneratorError for NaN or an infinity, which
  # JSON cannot represent.
  def self.encode(value)
    JSON.generate(plain(value))
  end

  # The value parsed from `raw` (a String of UTF-8 bytes). Raises
  # JSON::ParserError when `raw` is empty, not JSON, or nested too deeply.
  def self.decode(raw)
    text = raw.to_s.dup.force_encoding(Encoding::UTF_8)
    text = text.delete_prefix("\uFEFF") if text.valid_encoding?
    JSON.parse(text)
  rescue JSON::NestingError => e
    raise JSON::ParserError, "JSON document is nested too deeply (#{e.message})"
  end

  # `value` as JSON-ready data: models through `to_hash`, arrays and hashes
  # item by item, everything else as it is.
  def self.plain(value)
    case value
    when BaseModel then value.to_hash
    when Array then value.map { |item| plain(item) }
    when Hash then value.each_with_object({}) { |(key, item), out| out[key.to_s] = plain(item) }
    else value
    end
  end
end

# Typed decoding of JSON values into models, used by the generated models.
module Convert
  # Each item of the JSON array `value` decoded by the block.
  def self.array(value)
    raise TypeError, "expected a JSON array, not #{value.class}" unless value.is_a?(Array)

    value.map { |item| item.nil? ? nil : yield(item) }
  end

  # Each value of the JSON object `value` decoded by the block.
  def self.map(value)
    raise TypeError, "expected a JSON object, not #{value.class}" unless value.is_a?(Hash)

    value.transform_values { |item| item.nil? ? nil : yield(item) }
  end
end
