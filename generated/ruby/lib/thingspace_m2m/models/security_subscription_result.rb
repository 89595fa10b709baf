# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # License counts of an account, one entry per license type.
  #
  #   SecuritySubscriptionResult.new(account_name, subscription_list)
  #
  # A field left out (UNSET) is not sent; a field set to nil is sent as null.
  # Keys the API description does not name are kept in `additional_properties`.
  class SecuritySubscriptionResult < BaseModel
    # The billing account the counts belong to.
    # @return [String, nil]
    field :account_name, 'accountName'
    # One entry per SIM-Secure for IoT license type the account holds.
    # @return [Array<SecuritySubscription>, nil]
    field :subscription_list, 'subscriptionList', decode: ->(value) { Convert.array(value) { |v0| SecuritySubscription.from_hash(v0) } }
    keep_additional_properties

    def initialize(account_name = UNSET, subscription_list = UNSET, additional_properties: {})
      @account_name = account_name
      @subscription_list = subscription_list
      @additional_properties = additional_properties
      super()
    end
  end
end
