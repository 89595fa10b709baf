# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # License counts for one license type (SKU) of the account.
  #
  #   SecuritySubscription.new(sku_number, license_type, license_purchased, license_assigned, license_available, extended_attributes)
  #
  # A field left out (UNSET) is not sent; a field set to nil is sent as null.
  # Keys the API description does not name are kept in `additional_properties`.
  class SecuritySubscription < BaseModel
    # SKU of the license type.
    # @return [String, nil]
    field :sku_number, 'skuNumber'
    # Readable name of the license type, for example `Flexible Bundle`.
    # @return [String, nil]
    field :license_type, 'licenseType'
    # Number of licenses of this type that the account has bought.
    # @return [Integer, nil]
    field :license_purchased, 'licensePurchased'
    # Number of these licenses currently assigned to SIMs.
    # @return [Integer, nil]
    field :license_assigned, 'licenseAssigned'
    # Number of these licenses still free to assign.
    # @return [Integer, nil]
    field :license_available, 'licenseAvailable'
    # Additional key/value details about this license type.
    # @return [Array<ExtendedAttribute>, nil]
    field :extended_attributes, 'extendedAttributes', decode: ->(value) { Convert.array(value) { |v0| ExtendedAttribute.from_hash(v0) } }
    keep_additional_properties

    def initialize(sku_number = UNSET, license_type = UNSET, license_purchased = UNSET, license_assigned = UNSET, license_available = UNSET, extended_attributes = UNSET, additional_properties: {})
      @sku_number = sku_number
      @license_type = license_type
      @license_purchased = license_purchased
      @license_assigned = license_assigned
      @license_available = license_available
      @extended_attributes = extended_attributes
      @additional_properties = additional_properties
      super()
    end
  end
end
