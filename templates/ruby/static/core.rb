# frozen_string_literal: true

require 'uri'

# Builds, sends and decodes the requests of the generated client: shared by
# the client and its controllers.
#
# Besides retries (see RetryPolicy), a request is sent again once, not
# counting as a retry, when it is answered 401 and used a refreshable token
# source (OAuth client credentials, session login): the rejected token is
# invalidated first. Redirects (301, 302, 303, 307, 308) are followed, up to 5
# in a row; credentials are not sent to another origin. Safe to use from
# several threads at once.
class Core
  MONOTONIC = -> { Process.clock_gettime(Process::CLOCK_MONOTONIC) }
  PATH_PARAM = /\{([^{}]+)\}/
  # Path values that URL normalization would otherwise resolve away (/items/.. → /).
  DOT_SEGMENTS = { '.' => '%2E', '..' => '%2E%2E' }.freeze
  NO_OPTIONS = RequestOptions.new

  attr_reader :logger

  def initialize(base_url:, schemes:, credentials:, timeouts:, user_agent:, transport:, retry_policy:, logger:,
                 sleep: ->(seconds) { Kernel.sleep(seconds) })
    uri = begin
      URI.parse(base_url.to_s)
    rescue URI::InvalidURIError
      nil
    end
    unless uri.is_a?(URI::HTTP) && uri.host && !uri.host.empty?
      raise ArgumentError, "base_url must be an absolute http or https URL, not #{base_url.inspect}"
    end

    @base_url = base_url.to_s.chomp('/')
    @auth = Authenticator.new(schemes, credentials)
    @timeouts = timeouts
    @user_agent = user_agent
    @transport = transport
    @retry_policy = retry_policy
    @logger = logger
    @sleep = sleep
  end

  # Sends `op` and returns its ApiResponse.
  #
  # path_params:: the values of the path template's {name} parts; nil or ""
  #               counts as missing (ArgumentError, nothing is sent).
  # query:: [name, value] pairs in order; a name may repeat.
  # headers:: header parameters; those whose value is nil are not sent.
  # body:: the request body, sent as JSON; nil is sent as null; UNSET (the
  #        default) sends no body.
  # options:: this call's RequestOptions; nil uses the client's settings.
  #
  # Raises MissingCredentialError when the security cannot be met (nothing is
  # sent), the ApiException subclass `op.errors` maps an error status to,
  # ApiDecodeError for a success body that does not decode as documented,
  # ApiConnectionError (ApiTimeoutError) when there is no response, and
  # TooManyRedirects after more than 5 redirects in a row.
  def request(op, path_params: {}, query: [], headers: {}, body: UNSET, options: nil)
    opts = options || NO_OPTIONS
    timeouts = opts.timeout || @timeouts
    policy = opts.max_retries.nil? ? @retry_policy : @retry_policy.with(max_retries: opts.max_retries)
    may_retry = policy.retryable_method?(op.http_method, opts.retry_non_idempotent)
    payload = body.equal?(UNSET) ? nil : JsonCodec.encode(body)
    url = url_for(op, path_params)
    retries = 0
    sends = 0
    reauthenticated = false
    loop do
      auth = @auth.resolve(op.security, operation: op.operation_id)
      request = Request.new(http_method: op.http_method, url: with_query(url, query + auth.query),
                            headers: headers_for(op, headers, opts.extra_headers, auth, !payload.nil?),
                            body: payload, credentials: true)
      secret_query = auth.query.map(&:first)
      can_retry = may_retry && retries < policy.max_retries
      sends += 1
      begin
        final, raw = exchange(request, timeouts, auth, sends, secret_query)
      rescue ApiConnectionError => e
        delay = can_retry ? policy.delay_for(retries + 1, nil) : nil
        raise if delay.nil?

        why = "#{e.class.name.split('::').last}: #{e.message}"
      else
        if raw.status == 401 && final.credentials && !reauthenticated && auth.invalidate
          reauthenticated = true
          next
        end
        delay = can_retry && policy.retryable_status?(raw.status) ? policy.delay_for(retries + 1, raw.headers) : nil
        return read_response(op, raw) if delay.nil?

        why = "status #{raw.status}"
      end
      retries += 1
      RequestLog.retrying(@logger, request, why, retries, policy.max_retries, delay, secret_query)
      @sleep.call(delay)
    end
  end

  def inspect
    "#<#{self.class.name} base_url=#{@base_url.inspect}>"
  end

  # `value` percent-encoded for a path segment or a query part: everything
  # but the unreserved characters (RFC 3986) is escaped.
  def self.quote(value)
    value.to_s.b.gsub(/[^A-Za-z0-9_.\-~]/n) { |char| format('%%%02X', char.ord) }
  end

  private

  # Sends `request` and follows its redirects; returns the last request and its response.
  def exchange(request, timeouts, auth, attempt, secret_query)
    secret_headers = auth.headers.map { |name, _| name.downcase }
    redirects = 0
    loop do
      RequestLog.request(@logger, request, attempt, secret_query)
      started = MONOTONIC.call
      raw = @transport.request(request.http_method, request.url, request.headers, request.body, timeouts)
      RequestLog.response(@logger, request, raw, attempt, MONOTONIC.call - started, secret_query)
      following = Redirect.next_request(request, raw, secret_headers)
      return [request, raw] if following.nil?

      redirects += 1
      if redirects > Redirect::MAX_REDIRECTS
        raise TooManyRedirects,
              "#{Transport.where(request.http_method, request.url)}: more than #{Redirect::MAX_REDIRECTS} " \
              'redirects in a row'
      end
      request = following
    end
  end

  def url_for(op, path_params)
    path = op.path.gsub(PATH_PARAM) do
      name = Regexp.last_match(1)
      value = path_params[name]
      raise ArgumentError, "#{op.operation_id}: path parameter #{name.inspect} is missing or empty" \
        if value.nil? || value.to_s.empty?

      DOT_SEGMENTS[value.to_s] || Core.quote(value)
    end
    @base_url + path
  end

  def with_query(url, query)
    return url if query.empty?

    "#{url}?#{query.map { |name, value| "#{Core.quote(name)}=#{Core.quote(value)}" }.join('&')}"
  end

  # Defaults, then header parameters, then the caller's extra headers, each
  # replacing the ones before by name; the credentials come last and win.
  def headers_for(op, params, extra, auth, has_body)
    headers = { 'User-Agent' => @user_agent }
    set = lambda do |name, value|
      headers.delete_if { |key, _| key.casecmp?(name) }
      headers[name] = value
    end
    set.call('accept', op.accept) unless op.accept.nil?
    set.call('Content-Type', op.request_content_type || 'application/json') if has_body
    params.each { |name, value| set.call(name, value.to_s) unless value.nil? }
    extra.each { |name, value| set.call(name, value) }
    auth.headers.each { |name, value| set.call(name, value) }
    unless auth.cookies.empty?
      names = auth.cookies.map(&:first)
      given = headers.find { |key, _| key.casecmp?('cookie') }&.last.to_s.split(';').map(&:strip)
      cookies = given.reject { |part| part.empty? || names.include?(part.partition('=').first) }
      cookies += auth.cookies.map { |name, value| "#{name}=#{value}" }
      set.call('Cookie', cookies.join('; '))
    end
    headers
  end

  def read_response(op, raw)
    raise error_for(op, raw) unless (200..299).cover?(raw.status)

    key = OperationSpec.match_status(raw.status, op.responses)
    data = if key.nil?
             json_or_nil(raw.body)
           else
             decoder = op.responses[key]
             decoder.nil? ? nil : decode(op, raw, decoder)
           end
    ApiResponse.new(status_code: raw.status, reason_phrase: raw.reason, headers: raw.headers, raw_body: raw.body,
                    data: data)
  end

  def decode(op, raw, decoder)
    failure = lambda do |problem|
      ApiDecodeError.new("#{op.operation_id}: #{problem}", status_code: raw.status, headers: raw.headers,
                                                           body: raw.body)
    end
    raise failure.call('the response body is empty') if raw.body.empty?

    begin
      parsed = JsonCodec.decode(raw.body)
    rescue JSON::ParserError => e
      raise failure.call("the response body is not JSON (#{e.message.lines.first.to_s.strip})")
    end
    begin
      decoder.call(parsed)
    rescue TypeError, KeyError, ArgumentError, NoMethodError => e
      raise failure.call("the response body does not match the documented type (#{e.class}: #{e.message})")
    end
  end

  def json_or_nil(body)
    JsonCodec.decode(body)
  rescue JSON::ParserError
    nil
  end

  def error_for(op, raw)
    key = OperationSpec.match_status(raw.status, op.errors)
    if key.nil?
      reason = raw.reason.empty? ? "HTTP #{raw.status}" : raw.reason
      return ApiException.new(status_code: raw.status, reason: reason, headers: raw.headers, body: raw.body)
    end

    spec = op.errors[key]
    spec.exception.new(status_code: raw.status, reason: spec.reason, headers: raw.headers, body: raw.body)
  end
end
