# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # Error body of the session calls (the SDK raises it as ConnectivityManagementResultException).
  #
  #   ConnectivityManagementResult.new(error_code, error_message)
  #
  # A field left out (UNSET) is not sent; a field set to nil is sent as null.
  # Keys the API description does not name are kept in `additional_properties`.
  class ConnectivityManagementResult < BaseModel
    # Error code.
    # @return [String, nil]
    field :error_code, 'errorCode'
    # Human-readable error message.
    # @return [String, nil]
    field :error_message, 'errorMessage'
    keep_additional_properties

    def initialize(error_code = UNSET, error_message = UNSET, additional_properties: {})
      @error_code = error_code
      @error_message = error_message
      @additional_properties = additional_properties
      super()
    end
  end
end
