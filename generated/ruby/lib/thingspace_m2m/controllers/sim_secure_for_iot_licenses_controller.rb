# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # Assign SIM-Secure for IoT licenses to SIMs and remove Flex and Flex Bundle licenses again.
  #
  # Reach it as `client.sim_secure_for_iot_licenses`.
  class SIMSecureForIoTLicensesController
    # assignLicenseToDevices: POST /v1/devices/license/actions/assign
    ASSIGN_LICENSE_TO_DEVICES = OperationSpec.new(
      operation_id: 'assignLicenseToDevices',
      http_method: 'POST',
      path: '/v1/devices/license/actions/assign',
      security: [['thingspace_oauth', 'VZ-M2M-Token']],
      responses: {
        '200' => ->(data) { SecuritySuccessResult.from_hash(data) }
      },
      errors: {
        '400' => ErrorSpec.new(SecurityResultException, 'Bad request.'),
        '401' => ErrorSpec.new(SecurityResultException, 'Unauthorized request.'),
        '403' => ErrorSpec.new(SecurityResultException, 'Request Forbidden.'),
        '404' => ErrorSpec.new(SecurityResultException, 'Not Found / Does not exist.'),
        '406' => ErrorSpec.new(SecurityResultException, 'Format / Request Unacceptable.'),
        '429' => ErrorSpec.new(SecurityResultException, 'Too many requests.'),
        'default' => ErrorSpec.new(SecurityResultException, 'Error response.')
      },
      request_content_type: 'application/json',
      accept: 'application/json'
    )

    # unassignLicenseToDevices: DELETE /v1/devices/license/actions/assign
    UNASSIGN_LICENSE_TO_DEVICES = OperationSpec.new(
      operation_id: 'unassignLicenseToDevices',
      http_method: 'DELETE',
      path: '/v1/devices/license/actions/assign',
      security: [['thingspace_oauth', 'VZ-M2M-Token']],
      responses: {
        '200' => ->(data) { SecuritySuccessResult.from_hash(data) }
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

    # Assign License to Devices
    #
    # Assigns SIM-Secure for IoT licenses to SIMs.
    #
    # A request carries a single SKU (license type); to assign several license types, send one
    # request per SKU. A device can receive a license only when it is an active 4G device that is
    # onboarded into ThingSpace, visible in the ThingSpace Manage portal and part of the requesting
    # account.
    #
    # The call is asynchronous: the response only returns a `requestId`. The outcome for each device
    # is delivered later through the CarrierService callbacks registered by the user, and every one
    # of those callbacks carries the same `requestId`.
    #
    # `POST /v1/devices/license/actions/assign`
    #
    # @param body [AssignLicenseRequest] Request to assign license to devices.
    # @param x_request_id [String, nil] Transaction Id. An optional client-chosen identifier for
    #   the transaction; only the SDK documents this header, the official pages do not list it. The
    #   pattern below is the one the SDK documents; the SDK's own placeholder value `X-Request-ID2`
    #   does not match it, so a conforming value such as `1-1234` is used as the example.
    # @param options [RequestOptions, nil] Per-call settings: extra headers, timeout, retries.
    # @return [ApiResponse] `data` is a SecuritySuccessResult.
    # @raise [SecurityResultException] 400: Bad request.
    # @raise [SecurityResultException] 401: Unauthorized request.
    # @raise [SecurityResultException] 403: Request Forbidden.
    # @raise [SecurityResultException] 404: Not Found / Does not exist.
    # @raise [SecurityResultException] 406: Format / Request Unacceptable.
    # @raise [SecurityResultException] 429: Too many requests.
    # @raise [SecurityResultException] Any other error status: Error response.
    def assign_license_to_devices(body, x_request_id: nil, options: nil)
      @core.request(
        ASSIGN_LICENSE_TO_DEVICES,
        headers: {
          'X-Request-ID' => Params.simple(x_request_id)
        },
        body: body,
        options: options
      )
    end

    # Unassign License to Devices
    #
    # Unassigns SIM-Secure for IoT Flexible and Flexible Bundle license from SIMs.
    #
    # Only Flex (`SIMSec-IoT`) and Flex Bundle (`TS-BUNDLE-KTO-SIMSEC-MRC`) licenses can be removed;
    # a Lifetime license (`SIMSec-IoT-Lt`) stays on the SIM for good. As with assign, the response
    # only returns a `requestId` and the per-device results arrive through the registered
    # CarrierService callbacks.
    #
    # The official ThingSpace page for this call shows a JSON request body (account name, a single
    # SKU number and the devices to unassign), but the reference SDK sends no body and no
    # Content-Type on this DELETE. This description follows the SDK and models no request body.
    #
    # `DELETE /v1/devices/license/actions/assign`
    #
    # @param x_request_id [String] Transaction Id. A client-chosen identifier for the transaction,
    #   required on this call by the SDK (the official pages do not list the header). The pattern
    #   below is the one the SDK documents; the SDK's own placeholder value `X-Request-ID2` does not
    #   match it, so a conforming value such as `1-1234` is used as the example.
    # @param options [RequestOptions, nil] Per-call settings: extra headers, timeout, retries.
    # @return [ApiResponse] `data` is a SecuritySuccessResult.
    # @raise [SecurityResultException] 400: Bad request.
    # @raise [SecurityResultException] 401: Unauthorized request.
    # @raise [SecurityResultException] 403: Request forbidden.
    # @raise [SecurityResultException] 404: Not Found / Does not exist.
    # @raise [SecurityResultException] 406: Format / Request Unacceptable.
    # @raise [SecurityResultException] 429: Too many requests.
    # @raise [SecurityResultException] Any other error status: Error response.
    def unassign_license_to_devices(x_request_id, options: nil)
      @core.request(
        UNASSIGN_LICENSE_TO_DEVICES,
        headers: {
          'X-Request-ID' => Params.simple(x_request_id)
        },
        options: options
      )
    end
  end
end
