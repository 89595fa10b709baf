# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # Body of the account subscription query.
  #
  #   SecuritySubscriptionRequest.new(account_name, sku_number)
  #
  # A field left out (UNSET) is not sent; a field set to nil is sent as null.
  # Keys the API description does not name are kept in `additional_properties`.
  class SecuritySubscriptionRequest < BaseModel
    # Billing account name, with any leading zeros. The reference SDK documents the pattern
    # `^[A-Za-z0-9]{3,32}$`; it is left out because it rejects real account names written with a
    # dash, such as `0000123456-00001`.
    # @return [String, nil]
    field :account_name, 'accountName'
    # SKU of the license type to report on, for example `SIMSec-IoT-Lt`, `SIMSec-IoT` or
    # `TS-BUNDLE-KTO-SIMSEC-MRC`. The official page calls it required with at most 20 characters;
    # the SDK marks it optional with a limit of 32, which is kept here.
    # @return [String, nil]
    field :sku_number, 'skuNumber'
    keep_additional_properties

    def initialize(account_name = UNSET, sku_number = UNSET, additional_properties: {})
      @account_name = account_name
      @sku_number = sku_number
      @additional_properties = additional_properties
      super()
    end
  end
end
