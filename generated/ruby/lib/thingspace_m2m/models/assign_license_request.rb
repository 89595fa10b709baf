# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # Body of a license assignment, naming the account, the devices and the one SKU to assign.
  #
  #   AssignLicenseRequest.new(account_name, devices, sku_number)
  #
  # A field left out (UNSET) is not sent; a field set to nil is sent as null.
  # Keys the API description does not name are kept in `additional_properties`.
  class AssignLicenseRequest < BaseModel
    # Billing account name. Needed only when the UWS account of the current session can reach more
    # than one billing account. Account names are usually numeric; keep any leading zeros.
    # @return [String, nil]
    field :account_name, 'accountName'
    # The 4G devices that should receive the license.
    # @return [Array<LicenseDeviceList>, nil]
    field :devices, 'devices', decode: ->(value) { Convert.array(value) { |v0| LicenseDeviceList.from_hash(v0) } }
    # SKU of the license type to assign; one SKU per request. Known values: `SIMSec-IoT-Lt`
    # (Lifetime: SIM-Secure stays enabled for the life of the SIM and cannot be removed),
    # `SIMSec-IoT` (Flex, bought a la carte, removable at any time) and `TS-BUNDLE-KTO-SIMSEC-MRC`
    # (Flex license bundled with other ThingSpace services, removable at any time). Newer official
    # pages also mention `TSS-IOT-INTLG-TIERED-SIMSEC`. The field is free text, not an enum.
    # @return [String, nil]
    field :sku_number, 'skuNumber'
    keep_additional_properties

    def initialize(account_name = UNSET, devices = UNSET, sku_number = UNSET, additional_properties: {})
      @account_name = account_name
      @devices = devices
      @sku_number = sku_number
      @additional_properties = additional_properties
      super()
    end
  end
end
