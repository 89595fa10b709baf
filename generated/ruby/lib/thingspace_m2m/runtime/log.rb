# frozen_string_literal: true

require 'logger'
require 'json'
require 'uri'

# Logging of requests, responses and retries, with credentials left out.
#
# At DEBUG there is one line per request sent and one per response received;
# at WARN one line per retry. Records go to the client's `logger:`, by
# default the package's logger (`<Package>.logger`, WARN and above to
# $stderr). Header values are shown only for the headers in SHOWN_HEADERS;
# every other header is listed as [redacted]. Query parameters that carry a
# credential, and JSON body values under keys that look secret (token,
# password, secret, authorization, api_key, credential), are redacted too.
# Bodies that are not JSON are not shown.
module RequestLog
  # The headers whose values are logged: none of them carries a credential.
  SHOWN_HEADERS = %w[accept content-type content-length user-agent x-request-id retry-after date location].freeze
  REDACTED = '[redacted]'
  SECRET_KEY = /token|password|secret|authorization|api[_-]?key|credential/i
  # How much of a body a log line shows: enough to recognise it, short enough to scan.
  BODY_CHARS = 2048

  def self.request(logger, request, attempt, secret_query)
    return unless logger&.debug?

    logger.debug(format('request %<method>s %<url>s (attempt %<attempt>d) headers=%<headers>s%<body>s',
                        method: request.http_method, url: redact_url(request.url, secret_query),
                        attempt: attempt, headers: headers(request.headers, secret_query),
                        body: body(request.body)))
  end

  def self.response(logger, request, response, attempt, seconds, secret_query)
    return unless logger&.debug?

    logger.debug(format('response %<status>d to %<method>s %<url>s in %<ms>d ms (attempt %<attempt>d) ' \
                        'headers=%<headers>s%<body>s',
                        status: response.status, method: request.http_method,
                        url: redact_url(request.url, secret_query), ms: (seconds * 1000).round,
                        attempt: attempt, headers: headers(response.headers, secret_query),
                        body: body(response.body)))
  end

  def self.retrying(logger, request, why, retry_number, max_retries, delay, secret_query)
    return unless logger&.warn?

    logger.warn(format('%<method>s %<url>s failed (%<why>s); retry %<n>d of %<max>d in %<delay>.2f s',
                       method: request.http_method, url: redact_url(request.url, secret_query),
                       why: why, n: retry_number, max: max_retries, delay: delay))
  end

  # `url` without user info or fragment, with the values of credential query
  # parameters (those in `secret_query` and those whose name looks secret)
  # replaced by [redacted].
  def self.redact_url(url, secret_query)
    uri = URI.parse(url)
    pairs = (uri.query || '').split('&').map do |pair|
      name = URI.decode_www_form_component(pair.partition('=').first)
      secret = secret_query.include?(name) || SECRET_KEY.match?(name)
      secret ? "#{pair.partition('=').first}=#{REDACTED}" : pair
    end
    port = uri.port == uri.default_port ? '' : ":#{uri.port}"
    query = pairs.empty? ? '' : "?#{pairs.join('&')}"
    "#{uri.scheme}://#{uri.host}#{port}#{uri.path}#{query}"
  rescue URI::Error, ArgumentError
    REDACTED
  end

  def self.headers(headers, secret_query)
    headers.each_with_object({}) do |(name, value), shown|
      key = name.to_s.downcase
      value = redact_url(value, secret_query) if key == 'location'
      shown[name] = SHOWN_HEADERS.include?(key) ? value : REDACTED
    end
  end

  def self.body(data)
    return '' if data.nil? || data.empty?

    begin
      text = JSON.generate(redact(JsonCodec.decode(data)))
    rescue JSON::ParserError, JSON::GeneratorError
      return " body=<#{data.bytesize} bytes, not JSON>"
    end
    text = "#{text[0, BODY_CHARS - 1]}…" if text.length > BODY_CHARS
    " body=#{text}"
  end

  # `value` with the values of secret-looking keys replaced, at any depth.
  def self.redact(value)
    case value
    when Hash then value.to_h { |key, item| [key, SECRET_KEY.match?(key.to_s) ? REDACTED : redact(item)] }
    when Array then value.map { |item| redact(item) }
    else value
    end
  end
end

class << self
  # The logger of clients created without `logger:`: WARN and above
  # (retries) to $stderr. Set it to change where every such client logs.
  attr_writer :logger

  def logger
    @logger ||= Logger.new($stderr, level: Logger::WARN, progname: name)
  end
end
