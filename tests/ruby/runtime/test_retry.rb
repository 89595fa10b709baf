# frozen_string_literal: true

require_relative 'helper'

# Retries: which failures, which methods, how long to wait (RetryPolicy and the core).
class TestRetry < Minitest::Test
  include RuntimeHelpers

  def test_idempotent_call_is_retried_after_a_retryable_status
    stub = server { |_, index| index.zero? ? [503, {}, ''] : [200, JSON_HEADERS, OK_BODY] }
    waits = []
    response = recording_controller(stub, waits).unassign_license_to_devices('1-1234')
    assert_equal 200, response.status_code
    assert_equal 2, stub.requests.length
    assert_equal 1, waits.length
  end

  def test_post_is_not_retried_by_default
    stub = server { [503, JSON_HEADERS, { 'errorCode' => '503' }] }
    waits = []
    error = assert_raises(ThingSpaceM2M::SecurityResultException) do
      recording_controller(stub, waits).assign_license_to_devices(body)
    end
    assert_equal 503, error.status_code
    assert_equal 'Error response.', error.reason
    assert_equal 1, stub.requests.length
    assert_empty waits
  end

  def test_post_is_retried_when_the_call_allows_it
    stub = server { |_, index| index.zero? ? [502, {}, ''] : [200, JSON_HEADERS, OK_BODY] }
    options = ThingSpaceM2M::RequestOptions.new(retry_non_idempotent: true)
    response = recording_controller(stub, []).assign_license_to_devices(body, options: options)
    assert_equal 'r-1', response.data.request_id
    assert_equal 2, stub.requests.length
  end

  def test_connection_error_is_retried_for_an_idempotent_call
    stub = server { |_, index| index.zero? ? :close : [200, JSON_HEADERS, OK_BODY] }
    response = recording_controller(stub, []).unassign_license_to_devices('1-1234')
    assert_equal 200, response.status_code
    assert_equal 2, stub.requests.length
  end

  def test_connection_error_on_post_is_raised
    stub = server { :close }
    assert_raises(ThingSpaceM2M::ApiConnectionError) { recording_controller(stub, []).assign_license_to_devices(body) }
    assert_equal 1, stub.requests.length
  end

  def test_retries_stop_after_max_retries
    stub = server { [500, {}, ''] }
    waits = []
    policy = ThingSpaceM2M::RetryPolicy.new(max_retries: 3)
    assert_raises(ThingSpaceM2M::SecurityResultException) do
      recording_controller(stub, waits, policy: policy).unassign_license_to_devices('1-1234')
    end
    assert_equal 4, stub.requests.length
    assert_equal 3, waits.length
  end

  def test_non_retryable_status_is_not_retried
    stub = server { [404, JSON_HEADERS, { 'errorCode' => '404' }] }
    assert_raises(ThingSpaceM2M::SecurityResultException) do
      recording_controller(stub, []).unassign_license_to_devices('1-1234')
    end
    assert_equal 1, stub.requests.length
  end

  def test_retry_after_seconds_is_the_wait
    stub = server { |_, index| index.zero? ? [429, { 'Retry-After' => '3' }, ''] : [200, JSON_HEADERS, OK_BODY] }
    waits = []
    recording_controller(stub, waits).unassign_license_to_devices('1-1234')
    assert_equal [3.0], waits
  end

  def test_retry_after_beyond_the_cap_is_not_waited_out
    stub = server { [503, { 'Retry-After' => '120' }, ''] }
    waits = []
    assert_raises(ThingSpaceM2M::SecurityResultException) do
      recording_controller(stub, waits).unassign_license_to_devices('1-1234')
    end
    assert_equal 1, stub.requests.length
    assert_empty waits
  end

  def test_client_max_retries_zero_turns_retries_off
    stub = server { [503, {}, ''] }
    assert_raises(ThingSpaceM2M::SecurityResultException) do
      client(stub, max_retries: 0).sim_secure_for_iot_licenses.unassign_license_to_devices('1-1234')
    end
    assert_equal 1, stub.requests.length
  end

  def test_backoff_doubles_with_jitter_and_a_ceiling
    policy = ThingSpaceM2M::RetryPolicy.new
    low = Struct.new(:value) { def rand = 0.0 }.new(0)
    high = Struct.new(:value) { def rand = 1.0 }.new(0)
    assert_in_delta 0.375, policy.backoff(1, low)
    assert_in_delta 0.625, policy.backoff(1, high)
    assert_in_delta 0.75, policy.backoff(2, low)
    assert_in_delta 8.0, policy.backoff(10, high)
    assert_in_delta 2.0, ThingSpaceM2M::RetryPolicy.new(jitter: 0).backoff(3)
  end

  def test_defaults_match_the_python_client
    policy = ThingSpaceM2M::RetryPolicy.new
    assert_equal 2, policy.max_retries
    assert_equal [408, 429, 500, 502, 503, 504], policy.statuses
    assert_equal %w[GET HEAD PUT DELETE OPTIONS TRACE], policy.methods
    refute policy.retryable_method?('POST')
    assert policy.retryable_method?('post', true)
  end

  def test_parse_retry_after
    now = Time.utc(2015, 10, 21, 7, 28, 0).to_f
    assert_equal 120.0, ThingSpaceM2M::RetryPolicy.parse_retry_after('120', now)
    assert_equal 30.0, ThingSpaceM2M::RetryPolicy.parse_retry_after('Wed, 21 Oct 2015 07:28:30 GMT', now)
    assert_equal 0.0, ThingSpaceM2M::RetryPolicy.parse_retry_after('Wed, 21 Oct 2015 07:00:00 GMT', now)
    assert_nil ThingSpaceM2M::RetryPolicy.parse_retry_after('-1', now)
    assert_nil ThingSpaceM2M::RetryPolicy.parse_retry_after('1.5', now)
    assert_nil ThingSpaceM2M::RetryPolicy.parse_retry_after('soon', now)
  end
end
