# frozen_string_literal: true

# What a successful call returns: the decoded data plus the HTTP details.
#
#   response = client.licenses.assign_license_to_devices(body)
#   response.status_code              # => 200
#   response.headers['content-type']  # lookups ignore case
#   response.data                     # the decoded model
class ApiResponse
  # @return [Integer] the HTTP status.
  attr_reader :status_code
  # @return [String] the reason phrase sent by the server (may be "").
  attr_reader :reason_phrase
  # @return [Headers] the response headers; lookups ignore case.
  attr_reader :headers
  # @return [String] the body as received ("" when there was none).
  attr_reader :raw_body
  # @return [Object, nil] the body decoded as the type the API documents for
  #   this status; nil for a response documented without a body.
  attr_reader :data

  def initialize(status_code:, reason_phrase:, headers:, raw_body:, data:)
    @status_code = status_code
    @reason_phrase = reason_phrase
    @headers = headers
    @raw_body = raw_body
    @data = data
    freeze
  end

  # The body as text, decoded as UTF-8 (undecodable bytes become U+FFFD).
  def text
    ApiError.text_of(@raw_body)
  end

  def inspect
    "#<#{self.class.name} status_code=#{status_code} data=#{data.inspect}>"
  end
end
