# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # License counts per SIM-Secure for IoT license type: purchased, assigned and still available.
  #
  # Reach it as `client.account_subscriptions`.
  class AccountSubscriptionsController
    # listAccountSubscriptions: POST /v1/accounts/subscriptions/actions/list
    LIST_ACCOUNT_SUBSCRIPTIONS = OperationSpec.new(
      operation_id: 'listAccountSubscriptions',
      http_method: 'POST',
      path: '/v1/accounts/subscriptions/actions/list',
      security: [['thingspace_oauth', 'VZ-M2M-Token']],
      responses: {
        '200' => ->(data) { SecuritySubscriptionResult.from_hash(data) }
      },
      errors: {
        '400' => ErrorSpec.new(SecurityResultException, 'Bad request.'),
        '401' => ErrorSpec.new(SecurityResultException, 'Unauthorized request.'),
        '403' => ErrorSpec.new(SecurityResultException, 'Request forbidden.'),
        '404' => ErrorSpec.new(SecurityResultException, 'Not Found / Does not exist.'),
        '406' => ErrorSpec.new(SecurityResultException, 'Format / Request Unacceptable.'),
        '429' => ErrorSpec.new(SecurityResultException, 'Too many requests.'),
        'default' => ErrorSpec.new(SecurityResultException, 'Error response.')
      },
      request_content_type: 'application/json',
      accept: 'application/json'
    )

    # @param core [Core] the client's core, shared by its controllers.
    def initialize(core)
      @core = core
    end

    def inspect
      "#<#{self.class.name}>"
    end

    # List Account Subscriptions
    #
    # Returns, per SIM-Secure for IoT license type, how many licenses the account has bought and how
    # many of them are assigned or still free.
    #
    # The Security quick reference on the official site lists this call as `POST
    # /account/subscriptions/actions/list`; the SDK path used here is
    # `/v1/accounts/subscriptions/actions/list`.
    #
    # `POST /v1/accounts/subscriptions/actions/list`
    #
    # @param body [SecuritySubscriptionRequest] Request for account subscription.
    # @param x_request_id [String, nil] Transaction Id. An optional client-chosen identifier for
    #   the transaction. The pattern below is the one the SDK documents; the SDK's own placeholder
    #   value `X-Request-ID2` does not match it, so a conforming value such as `1-1234` is used as
    #   the example.
    # @param options [RequestOptions, nil] Per-call settings: extra headers, timeout, retries.
    # @return [ApiResponse] `data` is a SecuritySubscriptionResult.
    # @raise [SecurityResultException] 400: Bad request.
    # @raise [SecurityResultException] 401: Unauthorized request.
    # @raise [SecurityResultException] 403: Request forbidden.
    # @raise [SecurityResultException] 404: Not Found / Does not exist.
    # @raise [SecurityResultException] 406: Format / Request Unacceptable.
    # @raise [SecurityResultException] 429: Too many requests.
    # @raise [SecurityResultException] Any other error status: Error response.
    def list_account_subscriptions(body, x_request_id: nil, options: nil)
      @core.request(
        LIST_ACCOUNT_SUBSCRIPTIONS,
        headers: {
          'X-Request-ID' => Params.simple(x_request_id)
        },
        body: body,
        options: options
      )
    end
  end
end
