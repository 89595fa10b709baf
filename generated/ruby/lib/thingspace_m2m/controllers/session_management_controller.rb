# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # Start and end a Connectivity Management session. Login returns the M2M session token sent in the
  # `VZ-M2M-Token` header on the other calls.
  #
  # Reach it as `client.session_management`.
  class SessionManagementController
    # startConnectivityManagementSession: POST /v1/session/login
    START_CONNECTIVITY_MANAGEMENT_SESSION = OperationSpec.new(
      operation_id: 'startConnectivityManagementSession',
      http_method: 'POST',
      path: '/v1/session/login',
      security: [['thingspace_oauth']],
      responses: {
        '200' => ->(data) { LogInResult.from_hash(data) }
      },
      errors: {
        '400' => ErrorSpec.new(ConnectivityManagementResultException, 'Error response.')
      },
      request_content_type: 'application/json',
      accept: 'application/json'
    )

    # endConnectivityManagementSession: POST /v1/session/logout
    END_CONNECTIVITY_MANAGEMENT_SESSION = OperationSpec.new(
      operation_id: 'endConnectivityManagementSession',
      http_method: 'POST',
      path: '/v1/session/logout',
      security: [['thingspace_oauth', 'VZ-M2M-Token']],
      responses: {
        '200' => ->(data) { LogOutResult.from_hash(data) }
      },
      errors: {
        '400' => ErrorSpec.new(ConnectivityManagementResultException, 'Error response.')
      },
      request_content_type: nil,
      accept: 'application/json'
    )

    # @param core [Core] the client's core, shared by its controllers.
    def initialize(core)
      @core = core
    end

    def inspect
      "#<#{self.class.name}>"
    end

    # Start Connectivity Management Session
    #
    # Logs in with UWS credentials and returns the M2M session token that the other calls send in
    # the `VZ-M2M-Token` header. Only the OAuth bearer token is needed for this call.
    #
    # The session token remains valid while it is being used and expires after 20 minutes without
    # activity. Reuse it, and log in again only when the platform reports that it has expired. Five
    # failed logins in a row lock the account.
    #
    # The SDK reaches this call through its THINGSPACE server as `/m2m/v1/session/login`, which is
    # the same URL as this path on the M2M server. The SDK marks the body as optional, so it is
    # optional here too, although a login without credentials cannot succeed.
    #
    # `POST /v1/session/login`
    #
    # @param body [LogInRequest, nil] Request to initiate a session.
    # @param options [RequestOptions, nil] Per-call settings: extra headers, timeout, retries.
    # @return [ApiResponse] `data` is a LogInResult.
    # @raise [ConnectivityManagementResultException] 400: Error response.
    def start_connectivity_management_session(body: nil, options: nil)
      @core.request(
        START_CONNECTIVITY_MANAGEMENT_SESSION,
        body: body.nil? ? UNSET : body,
        options: options
      )
    end

    # End Connectivity Management Session
    #
    # Ends the Connectivity Management session identified by the `VZ-M2M-Token` header. The request
    # has no body; the response echoes the token of the session that was closed.
    #
    # As with login, the SDK reaches this call through its THINGSPACE server as
    # `/m2m/v1/session/logout`, the same URL as this path on the M2M server.
    #
    # `POST /v1/session/logout`
    #
    # @param options [RequestOptions, nil] Per-call settings: extra headers, timeout, retries.
    # @return [ApiResponse] `data` is a LogOutResult.
    # @raise [ConnectivityManagementResultException] 400: Error response.
    def end_connectivity_management_session(options: nil)
      @core.request(
        END_CONNECTIVITY_MANAGEMENT_SESSION,
        options: options
      )
    end
  end
end
