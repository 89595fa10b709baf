# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # Success response of the license assign and unassign calls.
  #
  #   SecuritySuccessResult.new(request_id)
  #
  # A field left out (UNSET) is not sent; a field set to nil is sent as null.
  # Keys the API description does not name are kept in `additional_properties`.
  class SecuritySuccessResult < BaseModel
    # Identifier that links this request to its results. The platform sends one callback message per
    # matching device, telling whether the operation worked for that device, and all of them carry
    # this same requestId.
    # @return [String, nil]
    field :request_id, 'requestId'
    keep_additional_properties

    def initialize(request_id = UNSET, additional_properties: {})
      @request_id = request_id
      @additional_properties = additional_properties
      super()
    end
  end
end
