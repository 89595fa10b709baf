# frozen_string_literal: true

# The exceptions the client raises, all rooted at ApiError:
#
#   ApiError
#   ├── ApiException            the server answered with an error status
#   │   ├── (one generated subclass per error schema of the API)
#   │   └── OAuthProviderException   the token endpoint refused to issue a token
#   ├── ApiConnectionError      the server could not be reached, or the connection broke
#   │   └── ApiTimeoutError     no connection or no response in time
#   ├── ApiDecodeError          a success response whose body is not what the API documents
#   ├── TooManyRedirects        the server kept redirecting
#   └── MissingCredentialError  the operation needs a credential the client was not given
class ApiError < StandardError
  # How much of a response body a message shows: enough to read an error message.
  EXCERPT_CHARS = 200

  # The body on one line, cut to EXCERPT_CHARS characters.
  def self.excerpt(raw)
    text = text_of(raw).split.join(' ')
    text.length > EXCERPT_CHARS ? "#{text[0, EXCERPT_CHARS - 1]}…" : text
  end

  # `raw` bytes as UTF-8 text, undecodable bytes replaced by U+FFFD.
  def self.text_of(raw)
    raw.to_s.dup.force_encoding(Encoding::UTF_8).scrub("\uFFFD")
  end
end

# The server answered with an error status (anything outside 200-299).
#
# Each error the API documents raises its own subclass, named after the
# error's schema (for example SecurityResultException), which adds the fields
# parsed from the body. A status the API does not document raises
# ApiException itself.
#
#   begin
#     client.licenses.assign_license_to_devices(body)
#   rescue ThingSpaceM2M::ApiException => e
#     e.status_code   # => 400
#     e.reason        # => "Bad request." (the API's description of the status)
#   end
class ApiException < ApiError
  # @return [Integer] the HTTP status, e.g. 400.
  attr_reader :status_code
  # @return [String] the API's description of the status, or the HTTP reason
  #   phrase when the status is not documented.
  attr_reader :reason
  # @return [Headers] the response headers; lookups ignore case.
  attr_reader :headers
  # @return [String] the response body as received ("" when there was none).
  attr_reader :raw_body

  # Subclasses keep this signature: the client builds every mapped exception
  # with exactly these keyword arguments.
  def initialize(status_code:, reason:, headers:, body:)
    @status_code = status_code
    @reason = reason
    @headers = headers.is_a?(Headers) ? headers : Headers.new(headers)
    @raw_body = body.to_s.b
    excerpt = ApiError.excerpt(@raw_body)
    summary = "#{self.class.name.split('::').last}(status_code=#{status_code}, reason=#{reason.inspect})"
    super(excerpt.empty? ? summary : "#{summary}: #{excerpt}")
  end

  # The body as text, decoded as UTF-8 (undecodable bytes become U+FFFD).
  def body
    ApiError.text_of(@raw_body)
  end

  # The body parsed as JSON, or nil when it is empty or not JSON. Never raises.
  def json
    JsonCodec.decode(@raw_body)
  rescue JSON::ParserError
    nil
  end

  def inspect
    "#<#{self.class.name} status_code=#{status_code} reason=#{reason.inspect}>"
  end
end

# The request did not get a response: the server could not be reached or the
# connection broke. The underlying error is kept as `cause`. A request that
# failed this way may or may not have reached the server.
class ApiConnectionError < ApiError
end

# No connection or no response within the client's timeouts.
class ApiTimeoutError < ApiConnectionError
end

# A success response (200-299) whose body does not decode as the documented
# type. The operation may have taken effect on the server; the response is kept
# so that nothing is lost.
class ApiDecodeError < ApiError
  attr_reader :status_code, :headers, :raw_body

  def initialize(message, status_code:, headers:, body:)
    @status_code = status_code
    @headers = headers.is_a?(Headers) ? headers : Headers.new(headers)
    @raw_body = body.to_s.b
    excerpt = ApiError.excerpt(@raw_body)
    text = "#{message} (status_code=#{status_code})"
    super(excerpt.empty? ? text : "#{text}: #{excerpt}")
  end

  # The body as text, decoded as UTF-8 (undecodable bytes become U+FFFD).
  def body
    ApiError.text_of(@raw_body)
  end
end

# The server answered with more redirects in a row than the client follows
# (5). The message names the last URL requested, without its query.
class TooManyRedirects < ApiError
end

# The operation's security requirement cannot be met with the credentials the
# client was given. Raised before anything is sent; the message names the
# security schemes and the client arguments that would supply them.
class MissingCredentialError < ApiError
  # @return [Array<Array<String>>] for each alternative requirement of the
  #   operation, the names of its security schemes that lack a credential.
  attr_reader :missing

  def initialize(message, missing:)
    @missing = missing
    super(message)
  end
end

# The OAuth 2 token endpoint answered with an error status, so no token was
# issued. `error` is the RFC 6749 §5.2 code (e.g. "invalid_client"), or nil
# when the body does not carry one.
class OAuthProviderException < ApiException
  attr_reader :error, :error_description, :error_uri

  def initialize(status_code:, reason:, headers:, body:)
    super
    payload = json
    fields = payload.is_a?(Hash) ? payload : {}
    @error = fields['error'].is_a?(String) ? fields['error'] : nil
    @error_description = fields['error_description'].is_a?(String) ? fields['error_description'] : nil
    @error_uri = fields['error_uri'].is_a?(String) ? fields['error_uri'] : nil
  end
end
