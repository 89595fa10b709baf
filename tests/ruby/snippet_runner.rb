# frozen_string_literal: true

# Runs the Ruby snippets of the generated docs, all in this one process.
#
#   ruby -I generated/ruby/lib tests/ruby/snippet_runner.rb JOBS.json
#
# JOBS.json is a list of {"id", "kind", ...}:
#   "run": {"prelude", "code", "path", "line"}: evaluates the prelude and then the code in a
#          fresh binding; reports whether it raised, `result` (its status and data), and how
#          many requests the mock at "mock" (a URL) recorded while the code ran.
#   "signature": {"class", "method"}: reports the method's parameters.
# Prints one JSON object per job on stdout, in order.
require 'json'
require 'net/http'
require 'thingspace_m2m'

def mock_requests(url, method)
  uri = URI("#{url}/__mock__/requests")
  Net::HTTP.start(uri.host, uri.port) do |http|
    response = http.request(Net::HTTPGenericRequest.new(method, false, true, uri.path))
    method == 'GET' ? JSON.parse(response.body) : nil
  end
end

def fresh_binding
  binding
end

def plain(value)
  value.respond_to?(:to_hash) ? value.to_hash : value
end

JSON.parse(File.read(ARGV.fetch(0))).each do |job|
  report = { 'id' => job['id'] }
  case job['kind']
  when 'run'
    scope = fresh_binding
    begin
      eval(job['prelude'], scope, 'prelude', 1) # rubocop:disable Security/Eval
      mock_requests(job['mock'], 'DELETE')
      eval(job['code'], scope, job['path'], job['line']) # rubocop:disable Security/Eval
      report['ok'] = true
      report['requests'] = mock_requests(job['mock'], 'GET').length
      if scope.local_variable_defined?(:result)
        result = scope.local_variable_get(:result)
        report['status'] = result.status_code
        report['data'] = plain(result.data)
        report['data_class'] = result.data.class.name
      end
    rescue StandardError, ScriptError => e
      report['ok'] = false
      report['error'] = "#{e.class}: #{e.message}\n#{(e.backtrace || []).first(5).join("\n")}"
    ensure
      client = scope.local_variable_defined?(:client) ? scope.local_variable_get(:client) : nil
      client.close if client.respond_to?(:close)
    end
  when 'signature'
    klass = ThingSpaceM2M.const_get(job['class'])
    report['parameters'] = klass.instance_method(job['method']).parameters.map { |kind, name| [kind.to_s, name.to_s] }
  end
  puts JSON.generate(report)
end
