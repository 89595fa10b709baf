# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # UWS credentials used to start a Connectivity Management session.
  #
  #   LogInRequest.new(username, password)
  #
  # A field left out (UNSET) is not sent; a field set to nil is sent as null.
  # Keys the API description does not name are kept in `additional_properties`.
  class LogInRequest < BaseModel
    # UWS user name.
    # @return [String]
    field :username, 'username', required: true
    # UWS password of that user.
    # @return [String]
    field :password, 'password', required: true, secret: true
    keep_additional_properties

    def initialize(username, password, additional_properties: {})
      @username = username
      @password = password
      @additional_properties = additional_properties
      super()
    end
  end
end
