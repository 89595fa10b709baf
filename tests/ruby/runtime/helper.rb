# frozen_string_literal: true

require 'minitest/autorun'
require 'stringio'
require 'logger'
require 'thingspace_m2m'
require_relative 'stub_server'

# Shared helpers of the runtime tests.
module RuntimeHelpers
  JSON_HEADERS = { 'Content-Type' => 'application/json' }.freeze
  OK_BODY = { 'requestId' => 'r-1' }.freeze

  def server(&handler)
    stub = StubServer.new(&handler)
    (@servers ||= []) << stub
    stub
  end

  def teardown
    (@servers || []).each(&:close)
    (@clients || []).each(&:close)
  end

  def client(stub, **options)
    defaults = { access_token: 'token-a', vz_m2m_token: 'm2m-b', base_url: stub.url, timeout: 5,
                 logger: Logger.new(nil) }
    made = ThingSpaceM2M::Client.new(**defaults, **options)
    (@clients ||= []) << made
    made
  end

  # A controller whose core records the waits between retries instead of sleeping.
  def recording_controller(stub, waits, policy: ThingSpaceM2M::RetryPolicy.new, logger: Logger.new(nil),
                           credentials: { 'thingspace_oauth' => 'token-a', 'VZ-M2M-Token' => 'm2m-b' })
    core = ThingSpaceM2M::Core.new(
      base_url: stub.url, schemes: ThingSpaceM2M::Client::SCHEMES, credentials: credentials,
      timeouts: ThingSpaceM2M::Timeouts.new, user_agent: 'test', transport: ThingSpaceM2M::Transport.new,
      retry_policy: policy, logger: logger, sleep: ->(seconds) { waits << seconds }
    )
    ThingSpaceM2M::SIMSecureForIoTLicensesController.new(core)
  end

  def body
    ThingSpaceM2M::AssignLicenseRequest.new('0000123456-00001', [], 'SIMSec-IoT-Lt')
  end
end
