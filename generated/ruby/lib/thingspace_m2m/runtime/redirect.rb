# frozen_string_literal: true

require 'uri'

# One request as sent. `credentials` tells whether the client's credentials
# are still attached: they are removed for good once a redirect leaves the
# original origin. `inspect` leaves out the headers, which carry credentials.
Request = Struct.new(:http_method, :url, :headers, :body, :credentials, keyword_init: true) do
  def inspect
    "#<#{self.class.name} #{http_method} #{url}>"
  end
end

# Following redirects: the next request after a 3xx, and the credentials it may carry.
module Redirect
  # Redirects followed in a row before TooManyRedirects: real APIs need one or two.
  MAX_REDIRECTS = 5
  STATUSES = [301, 302, 303, 307, 308].freeze
  ALWAYS_SECRET = %w[authorization cookie proxy-authorization].freeze

  # The request to send after `response`, or nil when it is no redirect to
  # follow. Followed: 301, 302, 303, 307 and 308 with a Location to an http
  # or https URL (a relative one is resolved against the request's URL). A
  # 303, and a 301 or 302 after a POST, become a GET without body or
  # Content-Type (a HEAD stays a HEAD); 307 and 308 keep the method and body.
  # When the new URL has another scheme, host or port, Authorization, Cookie
  # and the `secret_headers` (lower-case names) are dropped.
  def self.next_request(request, response, secret_headers)
    location = response.headers['location']
    return nil unless STATUSES.include?(response.status) && location && !location.empty?

    begin
      url = URI.join(request.url, location).to_s
      origin = origin_of(url)
    rescue URI::Error, ArgumentError
      return nil
    end
    return nil unless %w[http https].include?(origin[0])

    method = request.http_method
    body = request.body
    headers = request.headers.dup
    if (response.status == 303 && method != 'HEAD') || ([301, 302].include?(response.status) && method == 'POST')
      method = 'GET'
      body = nil
      headers.reject! { |name, _| name.downcase == 'content-type' }
    end
    credentials = request.credentials && origin == origin_of(request.url)
    unless credentials
      secret = ALWAYS_SECRET + secret_headers
      headers.reject! { |name, _| secret.include?(name.downcase) }
    end
    Request.new(http_method: method, url: url, headers: headers, body: body, credentials: credentials)
  end

  def self.origin_of(url)
    uri = URI.parse(url)
    [uri.scheme&.downcase, uri.host&.downcase, uri.port]
  end
end
