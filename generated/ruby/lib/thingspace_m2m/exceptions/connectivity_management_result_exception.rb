# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

module ThingSpaceM2M
  # Error body of the session calls (the SDK raises it as ConnectivityManagementResultException).
  #
  # The body is parsed into `model` (a ConnectivityManagementResult, or nil when the body is
  # not a JSON object that fits it); its fields are also readable here.
  class ConnectivityManagementResultException < ApiException
    # @return [ConnectivityManagementResult, nil]
    attr_reader :model

    def initialize(status_code:, reason:, headers:, body:)
      super
      payload = json
      @model = begin
        payload.is_a?(Hash) ? ConnectivityManagementResult.from_hash(payload) : nil
      rescue TypeError, KeyError, ArgumentError, NoMethodError
        nil # a body that does not fit the schema is still kept in `body`
      end
    end

    # Error code.
    # @return [String, nil]
    def error_code
      @model&.error_code
    end

    # Human-readable error message.
    # @return [String, nil]
    def error_message
      @model&.error_message
    end
  end
end
