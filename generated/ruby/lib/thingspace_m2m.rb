# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

# ThingSpace M2M client, generated from thingspace-m2m.yaml (API version 1.0.0).
#
#   require 'thingspace_m2m'
#   client = ThingSpaceM2M::Client.new(access_token: '…', vz_m2m_token: '…')
module ThingSpaceM2M
  VERSION = '1.0.0'

  # The runtime (lib/thingspace_m2m/runtime) is the same for every API, so its files
  # name no module: each is evaluated inside this one, in this order.
  RUNTIME = %w[
    unset headers errors json_codec base_model timeouts retry_policy request_options api_response
    operation auth transport redirect log oauth session core
  ].freeze

  RUNTIME.each do |part|
    path = File.join(__dir__, 'thingspace_m2m', 'runtime', "#{part}.rb")
    module_eval(File.read(path, encoding: 'UTF-8'), path, 1)
  end
end

require_relative 'thingspace_m2m/models/license_device_id'
require_relative 'thingspace_m2m/models/license_device_list'
require_relative 'thingspace_m2m/models/assign_license_request'
require_relative 'thingspace_m2m/models/security_success_result'
require_relative 'thingspace_m2m/models/security_result'
require_relative 'thingspace_m2m/models/security_subscription_request'
require_relative 'thingspace_m2m/models/extended_attribute'
require_relative 'thingspace_m2m/models/security_subscription'
require_relative 'thingspace_m2m/models/security_subscription_result'
require_relative 'thingspace_m2m/models/log_in_request'
require_relative 'thingspace_m2m/models/log_in_result'
require_relative 'thingspace_m2m/models/connectivity_management_result'
require_relative 'thingspace_m2m/models/log_out_result'
require_relative 'thingspace_m2m/exceptions/security_result_exception'
require_relative 'thingspace_m2m/exceptions/connectivity_management_result_exception'
require_relative 'thingspace_m2m/controllers/sim_secure_for_iot_licenses_controller'
require_relative 'thingspace_m2m/controllers/account_subscriptions_controller'
require_relative 'thingspace_m2m/controllers/session_management_controller'
require_relative 'thingspace_m2m/client'
