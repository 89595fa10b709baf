# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # Error body of the SIM-Secure license and account subscription calls (the SDK raises it as
  # SecurityResultException).
  #
  # The body is parsed into `model` (a SecurityResult, or nil when the body is
  # not a JSON object that fits it); its fields are also readable here.
  class SecurityResultException < ApiException
    # @return [SecurityResult, nil]
    attr_reader :model

    def initialize(status_code:, reason:, headers:, body:)
      super
      payload = json
      @model = begin
        payload.is_a?(Hash) ? SecurityResult.from_hash(payload) : nil
      rescue TypeError, KeyError, ArgumentError, NoMethodError
        nil # a body that does not fit the schema is still kept in `body`
      end
    end

    # Error code, typically the HTTP status as a string. The reference SDK documents a length of
    # exactly 3 and the pattern `^[0-9]{3,3}$`; the maximum length and the pattern are left out
    # because they reject the SDK's own example `errorCode8`.
    # @return [String, nil]
    def error_code
      @model&.error_code
    end

    # Human-readable error message. The reference SDK documents the pattern `^[A-Za-z0-9]{3,32}$`;
    # it is left out because it rejects any message containing a space or punctuation, which real
    # error messages do.
    # @return [String, nil]
    def error_message
      @model&.error_message
    end

    # Link to documentation about the error. The reference SDK documents the pattern
    # `^https://[A-Za-z0-9].[A-Za-z]{3,64}$`; it is left out because it rejects real URLs (anything
    # with a path or a dotted host name) and the SDK's own example.
    # @return [String, nil]
    def error_url
      @model&.error_url
    end
  end
end
