# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # A single device identifier and its kind.
  #
  #   LicenseDeviceId.new(id, kind)
  #
  # A field left out (UNSET) is not sent; a field set to nil is sent as null.
  # Keys the API description does not name are kept in `additional_properties`.
  class LicenseDeviceId < BaseModel
    # The identifier value in decimal digits: an IMEI (up to 15 digits) or an ICCID (up to 20
    # digits) for 4G devices. The reference text is contradictory about which of the two goes with
    # assign and which with unassign; its own assign example uses an IMEI.
    # @return [String, nil]
    field :id, 'id'
    # The kind of identifier in `id`, in upper case, for example `IMEI` or `ICCID`.
    # @return [String, nil]
    field :kind, 'kind'
    keep_additional_properties

    def initialize(id = UNSET, kind = UNSET, additional_properties: {})
      @id = id
      @kind = kind
      @additional_properties = additional_properties
      super()
    end
  end
end
