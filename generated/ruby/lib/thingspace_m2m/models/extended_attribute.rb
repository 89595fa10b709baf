# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # A key/value pair carrying an extra detail.
  #
  #   ExtendedAttribute.new(key, value)
  #
  # A field left out (UNSET) is not sent; a field set to nil is sent as null.
  # Keys the API description does not name are kept in `additional_properties`.
  class ExtendedAttribute < BaseModel
    # Name of the attribute.
    # @return [String, nil]
    field :key, 'key'
    # Value of the attribute.
    # @return [String, nil]
    field :value, 'value'
    keep_additional_properties

    def initialize(key = UNSET, value = UNSET, additional_properties: {})
      @key = key
      @value = value
      @additional_properties = additional_properties
      super()
    end
  end
end
