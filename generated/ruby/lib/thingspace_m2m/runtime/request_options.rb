# frozen_string_literal: true

# Per-call settings, passed to any operation method as `options:`.
#
#   client.licenses.assign_license_to_devices(
#     body,
#     options: RequestOptions.new(extra_headers: { 'X-Trace' => 'abc' }, timeout: 120,
#                                 retry_non_idempotent: true)
#   )
#
# extra_headers:: headers to add (default none). One with the same name as a
#                 header the client sends, in any case, replaces it, except
#                 the credentials of the operation's security
#                 (Authorization, an API-key header, its cookies), which
#                 always win.
# timeout:: seconds for both connecting and each read, a Hash with :connect
#           and :read, or a Timeouts; nil (the default) uses the client's.
# max_retries:: retries after the first attempt for this call; 0 never
#               retries; nil (the default) uses the client's RetryPolicy.
# retry_non_idempotent:: also retry methods that may take effect twice (POST,
#                        PATCH) when the server fails or cannot be reached
#                        (default false). Allow it only when the operation is
#                        safe to repeat.
class RequestOptions
  attr_reader :extra_headers, :timeout, :max_retries, :retry_non_idempotent

  def initialize(extra_headers: {}, timeout: nil, max_retries: nil, retry_non_idempotent: false)
    unless max_retries.nil? || (max_retries.is_a?(Integer) && max_retries >= 0)
      raise ArgumentError, "max_retries must be 0 or more or nil, not #{max_retries.inspect}"
    end

    @extra_headers = extra_headers.to_h { |name, value| [name.to_s, value.to_s] }.freeze
    @timeout = timeout.nil? ? nil : Timeouts.coerce(timeout)
    @max_retries = max_retries
    @retry_non_idempotent = retry_non_idempotent ? true : false
    freeze
  end

  # Shows the header names only: their values may be secrets.
  def inspect
    "#<#{self.class.name} extra_headers=#{extra_headers.keys.inspect} timeout=#{timeout.inspect} " \
      "max_retries=#{max_retries.inspect} retry_non_idempotent=#{retry_non_idempotent}>"
  end
end
