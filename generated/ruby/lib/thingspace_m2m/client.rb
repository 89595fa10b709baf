# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # The servers the API runs on; each constant is its base URL.
  module Environment
    # Production
    PRODUCTION = 'https://thingspace.verizon.com/api/m2m'
    # Staging
    STAGING = 'https://staging.thingspace.verizon.com/api/m2m'

    # Every environment, the default first.
    ALL = [PRODUCTION, STAGING].freeze
  end

  # Client of ThingSpace M2M.
  #
  #   client = ThingSpaceM2M::Client.new(access_token: '…', vz_m2m_token: '…')
  #
  # Every argument is a keyword, all optional:
  #
  # oauth_client_id:: OAuth 2 client id; with oauth_client_secret, the client
  #                   fetches bearer tokens itself (client-credentials grant),
  #                   caches each until shortly before it expires, and fetches
  #                   a new one when a call is answered 401.
  # oauth_client_secret:: OAuth 2 client secret, sent only to the token URL.
  # oauth_scopes:: scopes to ask for; none by default.
  # oauth_token_url:: token URL; by default the spec's,
  #                   https://thingspace.verizon.com/api/ts/v1/oauth2/token
  # token_provider:: a callable returning a bearer token, called before each
  #                  request (instead of client credentials or access_token).
  # access_token:: Bearer token for `thingspace_oauth`, sent as `Authorization: Bearer …`. OAuth 2
  #   client-credentials grant. The client sends its ThingSpace app key and secret (from Account
  #   settings, Key Management) as HTTP Basic credentials with `grant_type=client_credentials` to
  #   the token URL and then passes the access token as `Authorization: Bearer <token>`. A token is
  #   valid for one hour from first issue. The endpoints in this description need no particular
  #   scope.
  # vz_m2m_token:: Value of the `VZ-M2M-Token` header (`VZ-M2M-Token`). M2M session token,
  #   obtained from POST /v1/session/login and sent as the plain header value with no prefix. The
  #   official pages spell the header `VZ-M2M-TOKEN`; header names are case-insensitive. The token
  #   expires after 20 minutes of inactivity.
  # username:: with the other login fields, the client obtains vz_m2m_token itself through the
  #   login operation, and logs in again when a call is answered 401. UWS user name.
  # password:: with the other login fields, the client obtains vz_m2m_token itself through the
  #   login operation, and logs in again when a call is answered 401. UWS password of that user.
  # environment:: which server to call (an Environment constant);
  #               Environment::PRODUCTION by default.
  # base_url:: a URL that replaces the environment's (a proxy, a mock server).
  # timeout:: seconds, a Hash with :connect and :read, or a Timeouts; by
  #           default 10 s to connect and 60 s to read.
  # max_retries:: retries after a failed attempt (connection errors and 408,
  #               429, 500, 502, 503, 504), 2 by default, with exponential
  #               backoff and jitter, honouring Retry-After; only idempotent
  #               methods (GET, HEAD, PUT, DELETE, OPTIONS, TRACE) unless a
  #               call allows more. 0 turns retries off.
  # retry_policy:: a full RetryPolicy, for what max_retries does not cover.
  # user_agent:: the User-Agent header; identifies this gem by default.
  # logger:: where requests (DEBUG) and retries (WARN) are logged, with
  #          credentials redacted; ThingSpaceM2M.logger by default.
  #
  # One client is safe to share between threads. `close` releases its
  # connections.
  class Client
    USER_AGENT = 'thingspace_m2m/1.0.0 (Ruby)'
    SCHEMES = {
      'thingspace_oauth' => BearerScheme.new(name: 'thingspace_oauth', credential: 'access_token', also: 'oauth_client_id: and oauth_client_secret:, or token_provider:'),
      'VZ-M2M-Token' => ApiKeyScheme.new(name: 'VZ-M2M-Token', credential: 'vz_m2m_token', also: 'username: and password:', location: 'header', parameter: 'VZ-M2M-Token')
    }.freeze
    TOKEN_URL = 'https://thingspace.verizon.com/api/ts/v1/oauth2/token'

    def initialize(
      oauth_client_id: nil, oauth_client_secret: nil, oauth_scopes: [], oauth_token_url: nil, token_provider: nil,
      access_token: nil,
      vz_m2m_token: nil,
      username: nil,
      password: nil,
      environment: Environment::PRODUCTION, base_url: nil, timeout: nil, max_retries: nil,
      retry_policy: nil, user_agent: USER_AGENT, logger: nil
    )
      unless Environment::ALL.include?(environment)
        raise ArgumentError, "environment must be one of #{Environment::ALL.inspect} (base_url: takes any other URL)"
      end

      timeouts = Timeouts.coerce(timeout)
      policy = retry_policy || RetryPolicy.new
      policy = policy.with(max_retries: max_retries) unless max_retries.nil?
      @logger = logger || ThingSpaceM2M.logger
      if [access_token, token_provider, oauth_client_id].compact.length > 1
        raise ArgumentError, 'give one of access_token, token_provider or oauth_client_id'
      end
      raise ArgumentError, 'oauth_client_id and oauth_client_secret go together' \
        if oauth_client_id.nil? != oauth_client_secret.nil?
      if [username, password].map(&:nil?).uniq.length > 1
        raise ArgumentError, 'username and password go together'
      end
      if !vz_m2m_token.nil? && !username.nil?
        raise ArgumentError, 'give vz_m2m_token or username and password, not both'
      end
      # One set of connections for the API and its token endpoint; the client owns it.
      @transport = Transport.new
      credentials = {
        'thingspace_oauth' => access_token,
        'VZ-M2M-Token' => vz_m2m_token
      }
      if token_provider
        credentials['thingspace_oauth'] = CallableTokenSource.new(token_provider)
      elsif oauth_client_id
        credentials['thingspace_oauth'] = ClientCredentialsTokenSource.new(
          token_url: oauth_token_url || TOKEN_URL, client_id: oauth_client_id, client_secret: oauth_client_secret,
          scopes: oauth_scopes, transport: @transport, timeouts: timeouts, user_agent: user_agent, logger: @logger
        )
      end
      unless username.nil?
        # A lambda holds the password; the token source never shows it.
        login = -> { log_in_vz_m2m_token(username, password) }
        credentials['VZ-M2M-Token'] = SessionTokenSource.new(login)
      end
      @core = Core.new(
        base_url: base_url || environment, schemes: SCHEMES, credentials: credentials, timeouts: timeouts,
        user_agent: user_agent, transport: @transport, retry_policy: policy, logger: @logger
      )
    end

    # Assign SIM-Secure for IoT licenses to SIMs and remove Flex and Flex Bundle licenses again.
    # @return [SIMSecureForIoTLicensesController]
    def sim_secure_for_iot_licenses
      @sim_secure_for_iot_licenses ||= SIMSecureForIoTLicensesController.new(@core)
    end

    # License counts per SIM-Secure for IoT license type: purchased, assigned and still available.
    # @return [AccountSubscriptionsController]
    def account_subscriptions
      @account_subscriptions ||= AccountSubscriptionsController.new(@core)
    end

    # Start and end a Connectivity Management session. Login returns the M2M session token sent in
    # the `VZ-M2M-Token` header on the other calls.
    # @return [SessionManagementController]
    def session_management
      @session_management ||= SessionManagementController.new(@core)
    end

    # Closes the client's connections. Sending again opens new ones.
    def close
      @transport.close
    end

    # Never shows credentials.
    def inspect
      "#<#{self.class.name} #{@core.inspect}>"
    end

    alias_method :to_s, :inspect

    private

    # Logs in and returns the new VZ-M2M-Token value.
    def log_in_vz_m2m_token(username, password)
      response = session_management.start_connectivity_management_session(body: LogInRequest.new(username, password))
      token = response.data&.session_token
      return token if token.is_a?(String) && !token.empty?

      raise ApiDecodeError.new('the login response has no sessionToken',
                               status_code: response.status_code, headers: response.headers, body: response.raw_body)
    end
  end
end
