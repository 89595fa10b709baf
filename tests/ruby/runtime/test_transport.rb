# frozen_string_literal: true

require_relative 'helper'

# Timeouts, redirects, logging and the response/exception objects.
class TestTransport < Minitest::Test
  include RuntimeHelpers

  def test_read_timeout_raises_the_clients_timeout_error
    stub = server { [:hang, 2] }
    made = client(stub, timeout: 0.2, max_retries: 0)
    error = assert_raises(ThingSpaceM2M::ApiTimeoutError) do
      made.sim_secure_for_iot_licenses.unassign_license_to_devices('1-1234')
    end
    assert_kind_of ThingSpaceM2M::ApiConnectionError, error
    assert_includes error.message, 'no response data within 0.2 s'
  end

  def test_per_call_timeout
    stub = server { [:hang, 2] }
    options = ThingSpaceM2M::RequestOptions.new(timeout: { connect: 1, read: 0.2 }, max_retries: 0)
    assert_raises(ThingSpaceM2M::ApiTimeoutError) do
      client(stub).sim_secure_for_iot_licenses.unassign_license_to_devices('1-1234', options: options)
    end
  end

  def test_connection_refused_is_a_connection_error
    listener = TCPServer.new('127.0.0.1', 0)
    port = listener.addr[1]
    listener.close
    made = ThingSpaceM2M::Client.new(access_token: 'a', vz_m2m_token: 'b', base_url: "http://127.0.0.1:#{port}",
                                     max_retries: 0, logger: Logger.new(nil))
    error = assert_raises(ThingSpaceM2M::ApiConnectionError) do
      made.sim_secure_for_iot_licenses.unassign_license_to_devices('1-1234')
    end
    refute_kind_of ThingSpaceM2M::ApiTimeoutError, error
    refute_nil error.cause
  end

  def test_redirect_to_another_origin_drops_credentials
    other = server { [200, JSON_HEADERS, OK_BODY] }
    stub = server { [307, { 'Location' => "#{other.url}/elsewhere" }, ''] }
    response = client(stub).sim_secure_for_iot_licenses.unassign_license_to_devices('1-1234')
    assert_equal 200, response.status_code
    moved = other.requests.first
    assert_nil moved.headers['authorization']
    assert_nil moved.headers['vz-m2m-token']
    assert_equal 'DELETE', moved.method
    assert_equal '1-1234', moved.headers['x-request-id']
  end

  def test_redirect_on_the_same_origin_keeps_credentials
    stub = server { |request| request.path == '/moved' ? [200, JSON_HEADERS, OK_BODY] : [308, { 'Location' => '/moved' }, ''] }
    client(stub).sim_secure_for_iot_licenses.assign_license_to_devices(body)
    moved = stub.requests.last
    assert_equal 'Bearer token-a', moved.headers['authorization']
    assert_equal 'm2m-b', moved.headers['vz-m2m-token']
    assert_equal 'POST', moved.method
    assert_equal body.to_hash, JSON.parse(moved.body)
  end

  def test_303_becomes_a_get_without_body
    stub = server { |request| request.path == '/done' ? [200, JSON_HEADERS, OK_BODY] : [303, { 'Location' => '/done' }, ''] }
    client(stub).sim_secure_for_iot_licenses.assign_license_to_devices(body)
    assert_equal 'GET', stub.requests.last.method
    assert_equal '', stub.requests.last.body
    assert_nil stub.requests.last.headers['content-type']
  end

  def test_too_many_redirects
    stub = server { [302, { 'Location' => '/again' }, ''] }
    assert_raises(ThingSpaceM2M::TooManyRedirects) do
      client(stub).sim_secure_for_iot_licenses.unassign_license_to_devices('1-1234')
    end
    assert_equal 6, stub.requests.length
  end

  def test_logging_redacts_credentials_and_secret_fields
    stub = server do |request|
      if request.path == '/v1/session/login'
        [200, JSON_HEADERS.merge('Set-Cookie' => 'sid=cookie-secret'), { 'sessionToken' => 'session-secret' }]
      else
        [503, { 'Retry-After' => '0' }, '']
      end
    end
    out = StringIO.new
    made = client(stub, access_token: 'bearer-secret', vz_m2m_token: nil, username: 'user', password: 'pass-secret',
                        logger: Logger.new(out, level: :debug), max_retries: 1)
    assert_raises(ThingSpaceM2M::SecurityResultException) do
      made.sim_secure_for_iot_licenses.unassign_license_to_devices('1-1234')
    end
    log = out.string
    %w[bearer-secret session-secret pass-secret cookie-secret].each { |secret| refute_includes log, secret }
    assert_includes log, '"Authorization"=>"[redacted]"'
    assert_includes log, '"VZ-M2M-Token"=>"[redacted]"'
    assert_includes log, '"password":"[redacted]"'
    assert_includes log, '"X-Request-ID"=>"1-1234"'
    assert_match(/WARN .*failed \(status 503\); retry 1 of 1/, log)
  end

  def test_redact_url_hides_secret_query_values
    url = ThingSpaceM2M::RequestLog.redact_url('https://u:p@h.example/x?api_key=s&a=1&k=v#f', ['k'])
    assert_equal 'https://h.example/x?api_key=[redacted]&a=1&k=[redacted]', url
  end

  def test_exception_carries_status_reason_headers_and_body
    stub = server { [400, JSON_HEADERS, { 'errorCode' => '400', 'errorMessage' => 'Invalid SKU number', 'extra' => 1 }] }
    error = assert_raises(ThingSpaceM2M::SecurityResultException) do
      client(stub).sim_secure_for_iot_licenses.assign_license_to_devices(body)
    end
    assert_equal [400, 'Bad request.', '400', 'Invalid SKU number', nil],
                 [error.status_code, error.reason, error.error_code, error.error_message, error.error_url]
    assert_equal 'application/json', error.headers['CONTENT-TYPE']
    assert_equal({ 'extra' => 1 }, error.model.additional_properties)
    assert_includes error.message, 'Invalid SKU number'
  end

  def test_a_body_that_does_not_decode_raises_api_decode_error
    stub = server { [200, JSON_HEADERS, 'not json'] }
    error = assert_raises(ThingSpaceM2M::ApiDecodeError) do
      client(stub).sim_secure_for_iot_licenses.unassign_license_to_devices('1-1234')
    end
    assert_equal 'not json', error.body
  end

  def test_extra_headers_never_replace_credentials
    stub = server { [200, JSON_HEADERS, OK_BODY] }
    options = ThingSpaceM2M::RequestOptions.new(extra_headers: { 'authorization' => 'Bearer forged', 'X-Trace' => 't' })
    client(stub).sim_secure_for_iot_licenses.unassign_license_to_devices('1-1234', options: options)
    assert_equal 'Bearer token-a', stub.requests[0].headers['authorization']
    assert_equal 't', stub.requests[0].headers['x-trace']
  end
end
