# frozen_string_literal: true

# Calls the generated Ruby client for contract cases, all in this one process, and reports
# what happened on the wire (as the mock recorded it) and what the client returned or raised.
#
#   ruby -I generated/ruby/lib tests/ruby/contract_runner.rb JOBS.json
#
# Each job: {"id", "mock" (URL), "client" (Client.new keywords), "controller", "method",
# "args" (positional), "kwargs" (keywords), "body" ({"schema", "json"} or {"code"} or null),
# "body_keyword" (pass the body as body:), "prefer" (a Prefer header or null),
# "fields" ({JSON key: Ruby attribute} of the error schema)}. Prints one JSON report per job.
require 'json'
require 'net/http'
require 'thingspace_m2m'

def mock(url, method)
  uri = URI("#{url}/__mock__/requests")
  Net::HTTP.start(uri.host, uri.port) do |http|
    response = http.request(Net::HTTPGenericRequest.new(method, false, true, uri.path))
    method == 'GET' ? JSON.parse(response.body) : nil
  end
end

def body_of(spec)
  return nil if spec.nil?
  return eval(spec['code'], TOPLEVEL_BINDING, 'body', 1) if spec['code'] # rubocop:disable Security/Eval

  ThingSpaceM2M.const_get(spec['schema']).from_hash(spec['json'])
end

def outcome_of(response)
  {
    'status' => response.status_code,
    'data_class' => response.data.class.name.split('::').last,
    'data' => response.data.respond_to?(:to_hash) ? response.data.to_hash : response.data,
    'raw_body' => response.raw_body,
    'content_type' => response.headers['Content-Type']
  }
end

def error_of(error, fields)
  report = { 'exception' => error.class.name.split('::').last, 'message' => error.message }
  return report unless error.is_a?(ThingSpaceM2M::ApiException)

  report.merge(
    'status_code' => error.status_code, 'reason' => error.reason, 'body' => error.body,
    'raw_body_is_binary' => error.raw_body.encoding == Encoding::BINARY,
    'content_type' => error.headers['content-type'],
    'model_class' => error.respond_to?(:model) ? error.model.class.name.split('::').last : nil,
    'model' => error.respond_to?(:model) && error.model ? error.model.to_hash : nil,
    'fields' => (fields || {}).to_h { |key, attribute| [key, error.public_send(attribute)] }
  )
end

clients = {}
JSON.parse(File.read(ARGV.fetch(0))).each do |job|
  options = job['client'].transform_keys(&:to_sym)
  client = clients[options] ||= ThingSpaceM2M::Client.new(**options)
  report = { 'id' => job['id'] }
  mock(job['mock'], 'DELETE')
  begin
    body = body_of(job['body'])
    args = job['args'].dup
    kwargs = job['kwargs'].transform_keys(&:to_sym)
    if job['body']
      job['body_keyword'] ? kwargs[:body] = body : args.unshift(body)
    end
    kwargs[:options] = ThingSpaceM2M::RequestOptions.new(extra_headers: { 'Prefer' => job['prefer'] }) if job['prefer']
    controller = client.public_send(job['controller'])
    report['response'] = outcome_of(controller.public_send(job['method'], *args, **kwargs))
  rescue ThingSpaceM2M::ApiError, ArgumentError, TypeError => e
    report['error'] = error_of(e, job['fields'])
  end
  report['requests'] = mock(job['mock'], 'GET')
  puts JSON.generate(report)
end
clients.each_value(&:close)
