# frozen_string_literal: true

require 'base64'
require 'monitor'
require 'uri'

# Fetches an access token with the OAuth 2 client credentials grant and caches it.
#
#   source = ClientCredentialsTokenSource.new(
#     token_url: 'https://thingspace.verizon.com/api/ts/v1/oauth2/token',
#     client_id: 'my-app-key', client_secret: 'my-app-secret',
#     transport: Transport.new, timeouts: Timeouts.new, user_agent: 'my-app/1.0'
#   )
#   source.token   # fetches a token; later calls reuse it until it nears expiry
#
# The token request is `POST token_url` with the form body
# grant_type=client_credentials (plus `scope`, the scopes joined by spaces,
# when any are given), the client authenticated with HTTP Basic, the id and
# secret form-encoded first as RFC 6749 §2.3.1 asks.
#
# Caching: a token is handed out until `clock_skew` seconds before it expires
# (its `expires_in`, counted from when the request was sent), then a new one
# is fetched; for a token that lives less than 2 * clock_skew, half its
# lifetime is the margin instead. A response without expires_in gives a token
# kept until `invalidate` is called with it, which the client does when a
# request using it gets 401. When several threads need a new token at once,
# one request is sent and all of them use its token. The secret is never
# shown by `inspect`, in exception messages or in logs.
class ClientCredentialsTokenSource
  # The API's descriptions of the token endpoint's error statuses.
  REASONS = {
    400 => 'OAuth 2 provider returned an error.',
    401 => 'OAuth 2 provider says client authentication failed.'
  }.freeze
  # Token response fields masked in the body an ApiDecodeError keeps.
  SECRET_FIELDS = %w[access_token refresh_token id_token].freeze
  MONOTONIC = -> { Process.clock_gettime(Process::CLOCK_MONOTONIC) }

  def initialize(token_url:, client_id:, client_secret:, transport:, timeouts:, user_agent:, scopes: [],
                 clock_skew: 60.0, clock: MONOTONIC, logger: nil)
    uri = begin
      URI.parse(token_url.to_s)
    rescue URI::InvalidURIError
      nil
    end
    unless uri.is_a?(URI::HTTP) && uri.host && !uri.host.empty?
      raise ArgumentError, "token_url must be an absolute http or https URL, not #{token_url.inspect}"
    end
    raise TypeError, "client_id must be a String, not #{client_id.class}" unless client_id.is_a?(String)
    raise ArgumentError, 'client_id must not be empty' if client_id.empty?
    raise TypeError, "client_secret must be a String, not #{client_secret.class}" unless client_secret.is_a?(String)
    raise ArgumentError, "clock_skew must be a number >= 0, not #{clock_skew.inspect}" \
      unless clock_skew.is_a?(Numeric) && clock_skew >= 0 && clock_skew.finite?

    @scopes = ClientCredentialsTokenSource.check_scopes(scopes)
    @token_url = token_url.to_s
    @client_id = client_id
    pair = "#{URI.encode_www_form_component(client_id)}:#{URI.encode_www_form_component(client_secret)}"
    @authorization = "Basic #{Base64.strict_encode64(pair)}"
    form = [%w[grant_type client_credentials]]
    form << ['scope', @scopes.join(' ')] unless @scopes.empty?
    @body = URI.encode_www_form(form)
    @transport = transport
    @timeouts = timeouts
    @user_agent = user_agent
    @clock_skew = clock_skew.to_f
    @clock = clock
    @logger = logger
    @held = nil # [token, refresh_at or nil]
    @lock = Monitor.new
  end

  # The cached access token, fetching a new one when there is none or it is
  # within `clock_skew` seconds of expiry.
  #
  # Raises OAuthProviderException when the token endpoint answered with an
  # error status, ApiDecodeError for a success answer without an access_token
  # string (token fields in the body it keeps are masked), ApiConnectionError
  # when the endpoint could not be reached. After an error nothing is cached:
  # the next call tries again.
  def token
    @lock.synchronize do
      @held = fetch unless usable?(@held)
      @held[0]
    end
  end

  # Forgets `token` if it is still the cached one, so the next #token fetches
  # a new one; a token that was already replaced is ignored.
  def invalidate(token)
    @lock.synchronize { @held = nil if @held && @held[0] == token }
  end

  def inspect
    "#<#{self.class.name} token_url=#{@token_url.inspect} client_id=#{@client_id.inspect} scopes=#{@scopes.inspect}>"
  end

  alias_method :to_s, :inspect

  def self.check_scopes(scopes)
    raise TypeError, 'scopes must be an Array of Strings, not a single String' if scopes.is_a?(String)

    scopes.to_a.map do |scope|
      raise TypeError, "each scope must be a String, not #{scope.class}" unless scope.is_a?(String)
      raise ArgumentError, "a scope must be non-empty and contain no whitespace: #{scope.inspect}" \
        if scope.empty? || scope.match?(/\s/)

      scope
    end.freeze
  end

  private

  def usable?(held)
    !held.nil? && (held[1].nil? || @clock.call < held[1])
  end

  def fetch
    headers = {
      'Authorization' => @authorization,
      'Content-Type' => 'application/x-www-form-urlencoded',
      'Accept' => 'application/json',
      'User-Agent' => @user_agent
    }
    where = Transport.where('POST', @token_url)
    sent_at = @clock.call
    started = MONOTONIC.call
    begin
      raw = @transport.request('POST', @token_url, headers, @body, @timeouts)
    rescue ApiError => e
      @logger&.debug(format('OAuth 2 token request %s failed after %.3f s: %s', where, MONOTONIC.call - started,
                            e.class.name))
      raise
    end
    @logger&.debug(format('OAuth 2 token request %s: %d in %.3f s', where, raw.status, MONOTONIC.call - started))
    unless (200..299).cover?(raw.status)
      raise OAuthProviderException.new(status_code: raw.status, reason: REASONS[raw.status] || raw.reason,
                                       headers: raw.headers, body: raw.body)
    end

    value, expires_in = read_token(raw)
    return [value, nil] if expires_in.nil?

    margin = [@clock_skew, expires_in / 2].min
    [value, sent_at + expires_in - margin]
  end

  def read_token(raw)
    begin
      payload = JsonCodec.decode(raw.body)
    rescue JSON::ParserError => e
      raise decode_error(raw, "the body is not JSON (#{e.message.lines.first.to_s.strip})")
    end
    raise decode_error(raw, 'the body is not a JSON object') unless payload.is_a?(Hash)

    value = payload['access_token']
    raise decode_error(raw, 'the body has no access_token string') unless value.is_a?(String) && !value.empty?
    raise decode_error(raw, 'the access_token contains a line break or NUL') if value.match?(/[\r\n\0]/)

    [value, expires_in(raw, payload['expires_in'])]
  end

  # expires_in in seconds, nil when absent; digits in a string are accepted
  # too, as some providers send "3600".
  def expires_in(raw, value)
    return nil if value.nil?
    return value.strip.to_f if value.is_a?(String) && value.strip.match?(/\A[0-9]+\z/)
    return value.to_f if value.is_a?(Numeric) && value >= 0 && value.to_f.finite?

    raise decode_error(raw, 'expires_in is not a number of seconds >= 0')
  end

  def decode_error(raw, problem)
    ApiDecodeError.new("OAuth 2 token response: #{problem}", status_code: raw.status, headers: raw.headers,
                                                             body: masked(raw.body))
  end

  # The body with the token fields of a JSON object replaced by ***, so that
  # an exception never shows a token; any other body is returned unchanged.
  def masked(body)
    payload = JsonCodec.decode(body)
    return body unless payload.is_a?(Hash)

    secret = ->(key, value) { SECRET_FIELDS.include?(key) && value.is_a?(String) && !value.empty? }
    return body unless payload.any? { |key, value| secret.call(key, value) }

    JSON.generate(payload.to_h { |key, value| [key, secret.call(key, value) ? '***' : value] })
  rescue JSON::ParserError, JSON::GeneratorError
    body
  end
end

# Hands out the token returned by a callable of yours (a Proc, a lambda, a
# Method), called for every request; it should cache the token itself if
# getting one is slow. `invalidate` does nothing: after a 401 the callable is
# simply called again for the retry and may return a fresh token then.
class CallableTokenSource
  def initialize(provider)
    raise TypeError, "token provider must respond to `call`, not #{provider.class}" unless provider.respond_to?(:call)

    @provider = provider
  end

  # The provider's token. Raises TypeError unless it is a String,
  # ArgumentError when it is empty; whatever the provider raises passes on.
  def token
    value = @provider.call
    raise TypeError, "token provider returned #{value.class}, expected String" unless value.is_a?(String)
    raise ArgumentError, 'token provider returned an empty string' if value.empty?

    value
  end

  def invalidate(_token)
    nil
  end

  def inspect
    "#<#{self.class.name}>"
  end
end
