# frozen_string_literal: true

require_relative 'helper'

# Security: AND inside a requirement, OR between them, OAuth client credentials and session login.
class TestAuth < Minitest::Test
  include RuntimeHelpers

  SCHEMES = {
    'bearer' => ThingSpaceM2M::BearerScheme.new(name: 'bearer', credential: 'access_token'),
    'key' => ThingSpaceM2M::ApiKeyScheme.new(name: 'key', credential: 'api_key', location: 'header',
                                             parameter: 'X-Key'),
    'query' => ThingSpaceM2M::ApiKeyScheme.new(name: 'query', credential: 'query_key', location: 'query',
                                               parameter: 'k'),
    'basic' => ThingSpaceM2M::BasicScheme.new(name: 'basic', credential: 'basic_credentials')
  }.freeze

  def test_and_applies_every_scheme_of_a_requirement
    auth = ThingSpaceM2M::Authenticator.new(SCHEMES, { 'bearer' => 't', 'key' => 'k1' })
    parts = auth.resolve([%w[bearer key]], operation: 'op')
    assert_equal [['Authorization', 'Bearer t'], %w[X-Key k1]], parts.headers
  end

  def test_or_takes_the_first_requirement_that_can_be_met
    auth = ThingSpaceM2M::Authenticator.new(SCHEMES, { 'query' => 'q', 'basic' => %w[u p] })
    parts = auth.resolve([%w[bearer key], ['query'], ['basic']], operation: 'op')
    assert_equal [%w[k q]], parts.query
    assert_empty parts.headers
  end

  def test_missing_credentials_name_the_scheme_and_argument
    auth = ThingSpaceM2M::Authenticator.new(SCHEMES, { 'bearer' => 't' })
    error = assert_raises(ThingSpaceM2M::MissingCredentialError) { auth.resolve([%w[bearer key], ['basic']], operation: 'op') }
    assert_includes error.message, 'api_key: for security scheme "key"'
    assert_includes error.message, 'basic_credentials: for security scheme "basic"'
    assert_equal [['key'], ['basic']], error.missing
  end

  def test_client_refuses_before_sending_and_names_the_scheme
    stub = server { [200, JSON_HEADERS, OK_BODY] }
    made = client(stub, vz_m2m_token: nil)
    error = assert_raises(ThingSpaceM2M::MissingCredentialError) do
      made.sim_secure_for_iot_licenses.unassign_license_to_devices('1-1234')
    end
    assert_includes error.message, 'VZ-M2M-Token'
    assert_includes error.message, 'vz_m2m_token: (or username: and password:)'
    assert_empty stub.requests
  end

  def test_a_credential_with_a_line_break_is_refused
    stub = server { [200, JSON_HEADERS, OK_BODY] }
    assert_raises(ArgumentError) do
      client(stub, access_token: "a\r\nX-Evil: 1").sim_secure_for_iot_licenses.unassign_license_to_devices('1-1234')
    end
    assert_empty stub.requests
  end

  def test_oauth_token_is_fetched_once_and_cached
    stub = server do |request|
      if request.path == '/token'
        [200, JSON_HEADERS, { 'access_token' => 'tok-1', 'token_type' => 'Bearer', 'expires_in' => 3600 }]
      else
        [200, JSON_HEADERS, OK_BODY]
      end
    end
    made = client(stub, access_token: nil, oauth_client_id: 'id', oauth_client_secret: 's3cr3t',
                        oauth_token_url: "#{stub.url}/token", oauth_scopes: ['read'])
    2.times { made.sim_secure_for_iot_licenses.unassign_license_to_devices('1-1234') }
    tokens = stub.requests.select { |r| r.path == '/token' }
    assert_equal 1, tokens.length
    assert_equal 'grant_type=client_credentials&scope=read', tokens[0].body
    assert_equal "Basic #{['id:s3cr3t'].pack('m0')}", tokens[0].headers['authorization']
    api = stub.requests.reject { |r| r.path == '/token' }
    assert_equal ['Bearer tok-1'] * 2, api.map { |r| r.headers['authorization'] }
  end

  def test_oauth_token_is_fetched_again_after_a_401
    stub = server do |request|
      if request.path == '/token'
        count = stub_count_tokens
        [200, JSON_HEADERS, { 'access_token' => "tok-#{count}", 'expires_in' => 3600 }]
      elsif request.headers['authorization'] == 'Bearer tok-1'
        [401, JSON_HEADERS, { 'errorCode' => '401' }]
      else
        [200, JSON_HEADERS, OK_BODY]
      end
    end
    made = client(stub, access_token: nil, oauth_client_id: 'id', oauth_client_secret: 's',
                        oauth_token_url: "#{stub.url}/token")
    assert_equal 200, made.sim_secure_for_iot_licenses.unassign_license_to_devices('1-1234').status_code
    assert_equal %w[/token /v1/devices/license/actions/assign /token /v1/devices/license/actions/assign],
                 stub.requests.map(&:path)
    assert_equal 'Bearer tok-2', stub.requests.last.headers['authorization']
  end

  def test_a_second_401_is_raised
    stub = server do |request|
      request.path == '/token' ? [200, JSON_HEADERS, { 'access_token' => 't' }] : [401, JSON_HEADERS, {}]
    end
    made = client(stub, access_token: nil, oauth_client_id: 'id', oauth_client_secret: 's',
                        oauth_token_url: "#{stub.url}/token")
    error = assert_raises(ThingSpaceM2M::SecurityResultException) do
      made.sim_secure_for_iot_licenses.unassign_license_to_devices('1-1234')
    end
    assert_equal 401, error.status_code
    assert_equal 4, stub.requests.length
  end

  def test_oauth_token_expiry_with_clock_skew
    now = 1000.0
    stub = server { |_, index| [200, JSON_HEADERS, { 'access_token' => "tok-#{index}", 'expires_in' => 600 }] }
    source = ThingSpaceM2M::ClientCredentialsTokenSource.new(
      token_url: "#{stub.url}/token", client_id: 'id', client_secret: 's', transport: ThingSpaceM2M::Transport.new,
      timeouts: ThingSpaceM2M::Timeouts.new, user_agent: 'test', clock: -> { now }
    )
    assert_equal 'tok-0', source.token
    now += 539
    assert_equal 'tok-0', source.token
    now += 2
    assert_equal 'tok-1', source.token
    refute_includes source.inspect, "'s'"
  end

  def test_oauth_provider_error
    stub = server { [401, JSON_HEADERS, { 'error' => 'invalid_client', 'error_description' => 'bad secret' }] }
    made = client(stub, access_token: nil, oauth_client_id: 'id', oauth_client_secret: 'wrong',
                        oauth_token_url: "#{stub.url}/token")
    error = assert_raises(ThingSpaceM2M::OAuthProviderException) do
      made.sim_secure_for_iot_licenses.unassign_license_to_devices('1-1234')
    end
    assert_equal 'invalid_client', error.error
    assert_equal 'OAuth 2 provider says client authentication failed.', error.reason
    assert_kind_of ThingSpaceM2M::ApiException, error
  end

  def test_session_login_then_login_again_after_a_401
    stub = server do |request|
      if request.path == '/v1/session/login'
        logins = stub_count_logins
        [200, JSON_HEADERS, { 'sessionToken' => "s-#{logins}" }]
      elsif request.headers['vz-m2m-token'] == 's-1'
        [401, JSON_HEADERS, { 'errorCode' => '401' }]
      else
        [200, JSON_HEADERS, OK_BODY]
      end
    end
    made = client(stub, vz_m2m_token: nil, username: 'zbeeblebrox', password: 'IMgr8')
    2.times { made.sim_secure_for_iot_licenses.unassign_license_to_devices('1-1234') }
    paths = stub.requests.map(&:path)
    assert_equal 2, paths.count('/v1/session/login')
    assert_equal({ 'username' => 'zbeeblebrox', 'password' => 'IMgr8' }, JSON.parse(stub.requests[0].body))
    assert_equal 's-2', stub.requests.last.headers['vz-m2m-token']
    assert_equal 5, stub.requests.length
    refute_includes made.inspect, 'IMgr8'
  end

  def test_client_argument_conflicts
    assert_raises(ArgumentError) { ThingSpaceM2M::Client.new(access_token: 'a', oauth_client_id: 'i', oauth_client_secret: 's') }
    assert_raises(ArgumentError) { ThingSpaceM2M::Client.new(oauth_client_id: 'i') }
    assert_raises(ArgumentError) { ThingSpaceM2M::Client.new(username: 'u') }
    assert_raises(ArgumentError) { ThingSpaceM2M::Client.new(vz_m2m_token: 'v', username: 'u', password: 'p') }
    assert_raises(ArgumentError) { ThingSpaceM2M::Client.new(environment: 'https://elsewhere.example') }
  end

  private

  def stub_count_tokens
    @tokens = (@tokens || 0) + 1
  end

  def stub_count_logins
    @logins = (@logins || 0) + 1
  end
end
