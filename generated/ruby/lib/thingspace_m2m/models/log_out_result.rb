# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # Result of a logout. The SDK calls this model LogOutRequest although it is a response body.
  #
  #   LogOutResult.new(session_token)
  #
  # A field left out (UNSET) is not sent; a field set to nil is sent as null.
  # Keys the API description does not name are kept in `additional_properties`.
  class LogOutResult < BaseModel
    # The session token of the session that was ended.
    # @return [String, nil]
    field :session_token, 'sessionToken'
    keep_additional_properties

    def initialize(session_token = UNSET, additional_properties: {})
      @session_token = session_token
      @additional_properties = additional_properties
      super()
    end
  end
end
