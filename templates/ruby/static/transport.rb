# frozen_string_literal: true

require 'net/http'
require 'openssl'
require 'uri'
require 'monitor'
require 'zlib'

# A response as received: status, reason phrase, headers (lookups ignore
# case), body (a binary String, "" when there was none).
RawResponse = Struct.new(:status, :reason, :headers, :body, keyword_init: true)

# Sends requests with Net::HTTP, keeping connections open for reuse (a few
# per origin). It sends each request exactly once: it never retries and never
# follows redirects (a 3xx comes back as the response). TLS certificates are
# verified against the system's trusted CAs. Safe to share between threads.
class Transport
  # Idle connections kept per origin: enough for a client shared by a few threads.
  POOL_SIZE = 10

  def initialize(pool_size: POOL_SIZE)
    @pool_size = pool_size
    @idle = Hash.new { |hash, key| hash[key] = [] }
    @lock = Monitor.new
  end

  # Sends one request and reads the whole response.
  #
  # Raises ApiTimeoutError when there is no connection or no response data
  # within `timeouts`, ApiConnectionError when the server could not be reached
  # or the connection broke.
  def request(method, url, headers, body, timeouts)
    uri = URI.parse(url)
    origin = [uri.scheme, uri.host, uri.port]
    http = checkout(origin, uri)
    begin
      http.read_timeout = timeouts.read
      http.write_timeout = timeouts.read
      http.open_timeout = timeouts.connect
      http.start unless http.started?
      response = http.request(build(method, uri, headers, body))
    rescue StandardError => e
      discard(http)
      raise translate(e, method, url, timeouts)
    end
    checkin(origin, http)
    RawResponse.new(
      status: response.code.to_i,
      reason: response.message.to_s.strip,
      headers: Headers.new(response.each_header.to_a),
      body: (response.body || '').b
    )
  end

  # Closes the idle connections. Sending again opens new ones.
  def close
    connections = @lock.synchronize do
      all = @idle.values.flatten
      @idle.clear
      all
    end
    connections.each { |http| discard(http) }
  end

  def inspect
    "#<#{self.class.name}>"
  end

  # `METHOD scheme://host/path`: the query is left out, it may carry an API key.
  def self.where(method, url)
    uri = URI.parse(url)
    port = uri.port == uri.default_port ? '' : ":#{uri.port}"
    "#{method} #{uri.scheme}://#{uri.host}#{port}#{uri.path}"
  rescue URI::InvalidURIError
    method.to_s
  end

  private

  def checkout(origin, uri)
    idle = @lock.synchronize { @idle[origin].pop }
    return idle if idle

    http = Net::HTTP.new(uri.host, uri.port)
    http.use_ssl = uri.scheme == 'https'
    http.verify_mode = OpenSSL::SSL::VERIFY_PEER if http.use_ssl?
    http.max_retries = 0 # retries are the client's decision, never Net::HTTP's
    http
  end

  def checkin(origin, http)
    @lock.synchronize do
      return @idle[origin] << http if @idle[origin].length < @pool_size
    end
    discard(http)
  end

  def discard(http)
    http.finish if http.started?
  rescue IOError, SystemCallError
    nil
  end

  def build(method, uri, headers, body)
    path = uri.request_uri
    request = Net::HTTPGenericRequest.new(method, !body.nil?, method != 'HEAD', path)
    # Net::HTTP adds its own Accept and User-Agent when none is given; the client decides them.
    %w[accept user-agent].each { |name| request.delete(name) }
    headers.each { |name, value| request[name] = value }
    request.body = body unless body.nil?
    request
  end

  def translate(error, method, url, timeouts)
    where = Transport.where(method, url)
    case error
    when Net::OpenTimeout
      ApiTimeoutError.new("#{where}: no connection within #{timeouts.connect} s")
    when Net::ReadTimeout
      ApiTimeoutError.new("#{where}: no response data within #{timeouts.read} s")
    when Net::WriteTimeout
      ApiTimeoutError.new("#{where}: could not send the request within #{timeouts.read} s")
    when ::Timeout::Error
      ApiTimeoutError.new("#{where}: timed out")
    when Errno::ECONNREFUSED, Errno::EHOSTUNREACH, Errno::ENETUNREACH, SocketError
      ApiConnectionError.new("#{where}: could not connect: #{error.message}")
    when OpenSSL::SSL::SSLError, IOError, SystemCallError, Net::HTTPBadResponse, Net::ProtocolError, Zlib::Error
      ApiConnectionError.new("#{where}: #{error.class}: #{error.message}")
    else
      error
    end
  end
end
