# frozen_string_literal: true

require 'base64'

# An API key sent as a header, query parameter or cookie. `credential` is the
# client argument that supplies it (e.g. "vz_m2m_token"); `also` names other
# client arguments that can supply it (e.g. "username: and password:"), for
# error messages. The value given is a String or a token source: any object
# whose `token` method returns the String to send (and, optionally, whose
# `invalidate(token)` is told when the server refused it with 401).
ApiKeyScheme = Struct.new(:name, :location, :parameter, :credential, :also, keyword_init: true)

# A token sent as `Authorization: Bearer <token>` (HTTP bearer, OAuth 2,
# OpenID Connect); the value is a String or a token source.
BearerScheme = Struct.new(:name, :credential, :also, keyword_init: true)

# HTTP basic authentication; the value is an Array [user, password].
BasicScheme = Struct.new(:name, :credential, :also, keyword_init: true)

# What a security requirement adds to one request. `inspect` hides the values.
class AuthParts
  attr_reader :headers, :query, :cookies, :refreshable

  def initialize(headers: [], query: [], cookies: [], refreshable: [])
    @headers = headers.freeze
    @query = query.freeze
    @cookies = cookies.freeze
    @refreshable = refreshable.freeze
    freeze
  end

  # Tells every refreshable source that its token was rejected (a 401).
  # Returns false when none was used: resending would send the same credentials.
  def invalidate
    refreshable.each { |source, token| source.invalidate(token) }
    !refreshable.empty?
  end

  def inspect
    "#<#{self.class.name} headers=#{headers.map(&:first).inspect} query=#{query.map(&:first).inspect} " \
      "cookies=#{cookies.map(&:first).inspect}>"
  end
end

# Holds the security schemes and the credentials a client was given, and
# applies an operation's security requirement to a request. A credential of
# nil was not given. Values are checked here, so a wrong type fails when the
# client is created, not on the first call.
class Authenticator
  def initialize(schemes, credentials)
    unknown = credentials.keys - schemes.keys
    raise ArgumentError, "credentials given for unknown security schemes: #{unknown.join(', ')}" unless unknown.empty?

    credentials.each { |name, value| Authenticator.check_type(schemes[name], value) unless value.nil? }
    @schemes = schemes.dup.freeze
    @credentials = credentials.reject { |_, value| value.nil? }.freeze
  end

  # Applies the first alternative of `requirements` whose credentials were
  # all given; an alternative that sends credentials is preferred over
  # anonymous access (an empty alternative).
  #
  # Raises MissingCredentialError when no alternative can be met (nothing is
  # sent), ArgumentError when a requirement names an unknown scheme or a
  # credential contains a line break.
  def resolve(requirements, operation:)
    requirements.flatten.each do |name|
      raise ArgumentError, "operation #{operation.inspect} requires unknown security scheme #{name.inspect}" \
        unless @schemes.key?(name)
    end
    return AuthParts.new if requirements.empty?

    met = requirements.select { |alternative| alternative.all? { |name| @credentials.key?(name) } }
    raise missing(requirements, operation) if met.empty?

    apply(met.find { |alternative| !alternative.empty? } || [])
  end

  # Never shows the credentials.
  def inspect
    "#<#{self.class.name} schemes=#{@schemes.keys.inspect} given=#{@credentials.keys.inspect}>"
  end

  def self.check_type(scheme, value)
    if scheme.is_a?(BasicScheme)
      basic_pair(scheme, value)
    elsif !value.is_a?(String) && !value.respond_to?(:token)
      raise TypeError, "#{scheme.credential} must be a String or respond to `token`, not #{value.class}"
    end
  end

  def self.basic_pair(scheme, value)
    return value if value.is_a?(Array) && value.length == 2 && value.all? { |part| part.is_a?(String) }

    raise TypeError, "#{scheme.credential} must be an Array [user, password] of Strings, not #{value.class}"
  end

  private

  def apply(alternative)
    headers = []
    query = []
    cookies = []
    refreshable = []
    alternative.each do |name|
      scheme = @schemes.fetch(name)
      value = @credentials.fetch(name)
      if scheme.is_a?(BasicScheme)
        user, password = Authenticator.basic_pair(scheme, value)
        headers << ['Authorization', "Basic #{Base64.strict_encode64("#{user}:#{password}")}"]
        next
      end
      secret = secret_of(scheme, value)
      refreshable << [value, secret] if value.respond_to?(:token) && value.respond_to?(:invalidate)
      if scheme.is_a?(BearerScheme)
        headers << ['Authorization', "Bearer #{secret}"]
      elsif scheme.location == 'header'
        headers << [scheme.parameter, secret]
      elsif scheme.location == 'query'
        query << [scheme.parameter, secret]
      else
        cookies << [scheme.parameter, secret]
      end
    end
    AuthParts.new(headers: headers, query: query, cookies: cookies, refreshable: refreshable)
  end

  def secret_of(scheme, value)
    secret = value.is_a?(String) ? value : value.token
    raise TypeError, "the token for #{scheme.credential} must be a String, not #{secret.class}" \
      unless secret.is_a?(String)
    raise ArgumentError, "#{scheme.credential} contains a line break or NUL, which HTTP cannot carry" \
      if secret.match?(/[\r\n\0]/)

    secret
  end

  def missing(requirements, operation)
    missing = requirements.map { |alternative| alternative.reject { |name| @credentials.key?(name) } }
    options = missing.map do |names|
      names.map do |name|
        scheme = @schemes.fetch(name)
        also = scheme.also ? " (or #{scheme.also})" : ''
        "#{scheme.credential}:#{also} for security scheme #{name.inspect}"
      end.join(' and ')
    end
    message = "operation #{operation.inspect} needs credentials the client was not given: pass " +
              options.join('; or pass ')
    MissingCredentialError.new(message, missing: missing)
  end
end
