# frozen_string_literal: true

require_relative 'helper'

# Models: positional constructors, UNSET versus nil, unknown keys, secrets.
class TestModels < Minitest::Test
  M = ThingSpaceM2M

  def test_positional_constructor_in_spec_order
    device = M::LicenseDeviceId.new('864508030109877', 'IMEI')
    assert_equal({ 'id' => '864508030109877', 'kind' => 'IMEI' }, device.to_hash)
    assert_equal %i[account_name devices sku_number], M::AssignLicenseRequest.fields.map(&:name)
  end

  def test_never_set_is_not_nil
    request = M::AssignLicenseRequest.new(nil)
    assert_nil request.account_name
    assert request.field_set?(:account_name)
    refute request.field_set?(:sku_number)
    assert_nil request.sku_number
    assert_equal({ 'accountName' => nil }, request.to_hash)
    request.sku_number = 'SIMSec-IoT'
    assert_equal({ 'accountName' => nil, 'skuNumber' => 'SIMSec-IoT' }, request.to_hash)
    request.sku_number = M::UNSET
    refute request.field_set?(:sku_number)
  end

  def test_unknown_keys_are_kept_at_every_depth
    data = { 'accountName' => 'a', 'subscriptionList' => [{ 'skuNumber' => 's', 'future' => [1, nil] }], 'x' => true }
    result = M::SecuritySubscriptionResult.from_hash(data)
    assert_equal({ 'x' => true }, result.additional_properties)
    assert_equal({ 'future' => [1, nil] }, result.subscription_list[0].additional_properties)
    assert_equal data, result.to_hash
    assert_equal result, M::SecuritySubscriptionResult.from_hash(result.to_hash)
  end

  def test_required_fields_come_first_and_are_checked_on_decode
    login = M::LogInRequest.new('zbeeblebrox', 'IMgr8')
    assert_equal({ 'username' => 'zbeeblebrox', 'password' => 'IMgr8' }, login.to_hash)
    assert_raises(KeyError) { M::LogInRequest.from_hash({ 'username' => 'x' }) }
    assert_raises(ArgumentError) { M::LogInRequest.new('only-one') }
  end

  def test_inspect_hides_a_password
    text = M::LogInRequest.new('zbeeblebrox', 'IMgr8').inspect
    assert_includes text, 'zbeeblebrox'
    refute_includes text, 'IMgr8'
  end

  def test_from_hash_refuses_a_non_object
    assert_raises(TypeError) { M::AssignLicenseRequest.from_hash([1]) }
    assert_nil M::AssignLicenseRequest.from_hash(nil)
    assert_raises(TypeError) { M::AssignLicenseRequest.from_hash({ 'devices' => 'not a list' }) }
  end

  def test_unset_is_one_frozen_object
    assert_predicate M::UNSET, :frozen?
    assert_equal 'UNSET', M::UNSET.inspect
  end

  def test_public_surface
    %i[Client Environment ApiResponse ApiError ApiException ApiConnectionError ApiTimeoutError ApiDecodeError
       MissingCredentialError OAuthProviderException TooManyRedirects RequestOptions RetryPolicy Timeouts UNSET
       SecurityResultException ConnectivityManagementResultException].each do |name|
      assert M.const_defined?(name, false), name
    end
    assert_operator M::SecurityResultException, :<, M::ApiException
    assert_equal 'https://thingspace.verizon.com/api/m2m', M::Environment::PRODUCTION
  end
end
