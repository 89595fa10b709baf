# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # One device entry in a license request, given by its identifiers.
  #
  #   LicenseDeviceList.new(device_ids, ip_address)
  #
  # A field left out (UNSET) is not sent; a field set to nil is sent as null.
  # Keys the API description does not name are kept in `additional_properties`.
  class LicenseDeviceList < BaseModel
    # Identifiers of the device (for 4G devices an IMEI or ICCID).
    # @return [Array<LicenseDeviceId>, nil]
    field :device_ids, 'deviceIds', decode: ->(value) { Convert.array(value) { |v0| LicenseDeviceId.from_hash(v0) } }
    # IP address of the device; the reference gives no further meaning for this field. The reference
    # SDK documents the pattern `^[0-9].[0-9].[0-9].[0-9]{3,32}$`; it is left out because it rejects
    # real IPv4 addresses such as `10.120.3.45` and the SDK's own example `ipAddress4`.
    # @return [String, nil]
    field :ip_address, 'ipAddress'
    keep_additional_properties

    def initialize(device_ids = UNSET, ip_address = UNSET, additional_properties: {})
      @device_ids = device_ids
      @ip_address = ip_address
      @additional_properties = additional_properties
      super()
    end
  end
end
