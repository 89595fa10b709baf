# frozen_string_literal: true

# How a documented error status is raised: the exception class (built with
# the keyword arguments of ApiException) and the API's description of the
# status, e.g. "Bad request.".
ErrorSpec = Struct.new(:exception, :reason)

# Everything the client needs to call one operation, fixed when the package is
# generated.
#
# security:: the alternatives of scheme names that authorize the call (any
#            one alternative will do; all schemes inside one are applied);
#            [] means the operation needs no credentials.
# responses:: decoders for success statuses, keyed by code ("200"), range
#             ("2XX") or "default"; a nil decoder means the response has no
#             body and `data` is nil.
# errors:: ErrorSpecs keyed the same way.
class OperationSpec
  attr_reader :operation_id, :http_method, :path, :security, :responses, :errors, :request_content_type, :accept

  def initialize(operation_id:, http_method:, path:, security: [], responses: {}, errors: {},
                 request_content_type: nil, accept: nil)
    @operation_id = operation_id
    @http_method = http_method
    @path = path
    @security = security.map { |alternative| alternative.dup.freeze }.freeze
    @responses = responses.dup.freeze
    @errors = errors.dup.freeze
    @request_content_type = request_content_type
    @accept = accept
    freeze
  end

  # The key of `table` that handles `status`, or nil: the exact code ("404")
  # wins over its range ("4XX"), which wins over "default".
  def self.match_status(status, table)
    [status.to_s, "#{status / 100}XX", 'default'].find { |key| table.key?(key) }
  end
end

# Spelling parameter values on the wire (OpenAPI `simple` and `form` styles).
module Params
  # A path or header value in `simple` style: arrays comma-joined; nil stays
  # nil (not sent).
  def self.simple(value)
    case value
    when nil then nil
    when Hash then value.map { |k, v| "#{scalar(k)},#{scalar(v)}" }.join(',')
    when Array then value.map { |v| scalar(v) }.join(',')
    else scalar(value)
    end
  end

  # A query parameter in `form` style: a=1&a=2 exploded, a=1,2 not; nil sends nothing.
  def self.query(name, value, explode:)
    case value
    when nil then []
    when Hash
      return value.map { |k, v| [k.to_s, scalar(v)] } if explode

      [[name, value.map { |k, v| "#{scalar(k)},#{scalar(v)}" }.join(',')]]
    when Array
      return value.map { |v| [name, scalar(v)] } if explode

      [[name, value.map { |v| scalar(v) }.join(',')]]
    else [[name, scalar(value)]]
    end
  end

  def self.scalar(value)
    value.to_s
  end
end
