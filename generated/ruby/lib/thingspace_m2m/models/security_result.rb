# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # Error body of the SIM-Secure license and account subscription calls (the SDK raises it as
  # SecurityResultException).
  #
  #   SecurityResult.new(error_code, error_message, error_url)
  #
  # A field left out (UNSET) is not sent; a field set to nil is sent as null.
  # Keys the API description does not name are kept in `additional_properties`.
  class SecurityResult < BaseModel
    # Error code, typically the HTTP status as a string. The reference SDK documents a length of
    # exactly 3 and the pattern `^[0-9]{3,3}$`; the maximum length and the pattern are left out
    # because they reject the SDK's own example `errorCode8`.
    # @return [String, nil]
    field :error_code, 'errorCode'
    # Human-readable error message. The reference SDK documents the pattern `^[A-Za-z0-9]{3,32}$`;
    # it is left out because it rejects any message containing a space or punctuation, which real
    # error messages do.
    # @return [String, nil]
    field :error_message, 'errorMessage'
    # Link to documentation about the error. The reference SDK documents the pattern
    # `^https://[A-Za-z0-9].[A-Za-z]{3,64}$`; it is left out because it rejects real URLs (anything
    # with a path or a dotted host name) and the SDK's own example.
    # @return [String, nil]
    field :error_url, 'errorUrl'
    keep_additional_properties

    def initialize(error_code = UNSET, error_message = UNSET, error_url = UNSET, additional_properties: {})
      @error_code = error_code
      @error_message = error_message
      @error_url = error_url
      @additional_properties = additional_properties
      super()
    end
  end
end
