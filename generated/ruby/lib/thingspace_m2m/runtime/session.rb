# frozen_string_literal: true

require 'monitor'

# Logs in when a session token is first needed and reuses the token from then on.
#
#   source = SessionTokenSource.new(lambda {
#     client.session_management.start_connectivity_management_session(
#       body: LogInRequest.new('zbeeblebrox', 'IMgr8')
#     ).data.session_token
#   })
#   source.token   # logs in; later calls return the same token
#
# The token is kept until `invalidate` is called with it, which the client
# does when a request using it gets 401: the next #token then logs in again.
# So the session is obtained again when the server says it expired, and not
# before. When several threads need the token at once, the login runs once. A
# login that fails raises to the caller and caches nothing. The source holds
# only the login callable, never the user name or password, and `inspect`
# does not show the token.
class SessionTokenSource
  def initialize(login)
    raise TypeError, "login must respond to `call`, not #{login.class}" unless login.respond_to?(:call)

    @login = login
    @token = nil
    @login_thread = nil
    @lock = Monitor.new
  end

  # The session token, logging in first when none is held. Raises
  # RuntimeError when the login itself asks this source for the token,
  # TypeError or ArgumentError when the login returns no non-empty String.
  def token
    if @login_thread.equal?(Thread.current)
      raise 'the session login needs the session token it is obtaining: the login operation must not use this source'
    end

    @lock.synchronize do
      return @token unless @token.nil?

      @login_thread = Thread.current
      begin
        @token = SessionTokenSource.checked(@login.call)
      ensure
        @login_thread = nil
      end
    end
  end

  # Forgets `token` if it is still the current one, so the next #token logs
  # in again; many requests that failed with the same expired session cause a
  # single new login.
  def invalidate(token)
    @lock.synchronize { @token = nil if @token == token }
  end

  def inspect
    "#<#{self.class.name} logged_in=#{!@token.nil?}>"
  end

  alias_method :to_s, :inspect

  def self.checked(token)
    raise TypeError, "session login returned #{token.class}, expected String" unless token.is_a?(String)
    raise ArgumentError, 'session login returned an empty string' if token.empty?

    token
  end
end
