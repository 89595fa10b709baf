# frozen_string_literal: true

require 'time'

# When to send a failed request again, and how long to wait before each retry.
#
#   RetryPolicy.new                                   # the defaults below
#   RetryPolicy.new(max_retries: 0)                   # never retry
#   policy.with(statuses: [503])                      # a changed copy
#
# A request is retried when its method is retryable and it either got no
# response (ApiConnectionError, timeouts included) or got one of `statuses`.
# After the last retry the outcome is handled as usual: the error is raised,
# or the status raises its mapped exception. A Retry-After header on a
# retryable response replaces the computed wait, even when it is longer than
# `max_backoff`; one asking for longer than `retry_after_cap` is not waited
# out: the status is handled at once.
class RetryPolicy
  # Two retries ride out a brief outage or a deploy without hiding a real one for long.
  DEFAULT_MAX_RETRIES = 2
  # Timeouts, rate limits and server or gateway failures: answers that may
  # differ next time. Other 4xx statuses would fail again the same way.
  DEFAULT_STATUSES = [408, 429, 500, 502, 503, 504].freeze
  # The idempotent methods (RFC 9110 §9.2.2): sending one twice has the effect
  # of sending it once. A POST or PATCH that failed may have taken effect, so
  # it is not sent again by default.
  DEFAULT_METHODS = %w[GET HEAD PUT DELETE OPTIONS TRACE].freeze
  # Waits of 0.5 s, 1 s, 2 s …: long enough to let a struggling server recover.
  DEFAULT_BACKOFF_FACTOR = 0.5
  # No computed wait is longer: a caller is usually waiting on the call.
  DEFAULT_MAX_BACKOFF = 8.0
  # ±25 % keeps the doubling recognisable while clients that failed together spread out.
  DEFAULT_JITTER = 0.25
  # A server asking for a longer pause is better reported to the caller than waited out.
  DEFAULT_RETRY_AFTER_CAP = 60.0

  DELTA_SECONDS = /\A\s*[0-9]+\s*\z/
  private_constant :DELTA_SECONDS

  attr_reader :max_retries, :statuses, :methods, :backoff_factor, :max_backoff, :jitter, :retry_after_cap

  def initialize(max_retries: DEFAULT_MAX_RETRIES, statuses: DEFAULT_STATUSES, methods: DEFAULT_METHODS,
                 backoff_factor: DEFAULT_BACKOFF_FACTOR, max_backoff: DEFAULT_MAX_BACKOFF,
                 jitter: DEFAULT_JITTER, retry_after_cap: DEFAULT_RETRY_AFTER_CAP)
    unless max_retries.is_a?(Integer) && max_retries >= 0
      raise ArgumentError, "max_retries must be 0 or more, not #{max_retries.inspect}"
    end

    { backoff_factor: backoff_factor, max_backoff: max_backoff, retry_after_cap: retry_after_cap }.each do |name, value|
      raise ArgumentError, "#{name} must be 0 or more, not #{value.inspect}" unless value.is_a?(Numeric) && value >= 0
    end
    unless jitter.is_a?(Numeric) && jitter >= 0 && jitter <= 1
      raise ArgumentError, "jitter must be between 0 and 1, not #{jitter.inspect}"
    end

    @max_retries = max_retries
    @statuses = statuses.map(&:to_i).freeze
    @methods = methods.map { |m| m.to_s.upcase }.freeze
    @backoff_factor = backoff_factor.to_f
    @max_backoff = max_backoff.to_f
    @jitter = jitter.to_f
    @retry_after_cap = retry_after_cap.to_f
    freeze
  end

  # A copy with some settings changed.
  def with(**changes)
    current = { max_retries: max_retries, statuses: statuses, methods: methods, backoff_factor: backoff_factor,
                max_backoff: max_backoff, jitter: jitter, retry_after_cap: retry_after_cap }
    RetryPolicy.new(**current, **changes)
  end

  # Whether a request with `method` may be sent again; `allow_non_idempotent`
  # makes every method retryable.
  def retryable_method?(method, allow_non_idempotent = false)
    allow_non_idempotent || methods.include?(method.to_s.upcase)
  end

  # Whether a response with `status` is worth retrying.
  def retryable_status?(status)
    statuses.include?(status)
  end

  # The computed wait in seconds before retry number `attempt` (1 for the
  # first): backoff_factor * 2 ** (attempt - 1), spread by `jitter`, at most
  # `max_backoff`.
  def backoff(attempt, rng = Random)
    base = backoff_factor * (2.0**(attempt - 1))
    spread = jitter.zero? ? 1.0 : (1 - jitter) + (rng.rand * 2 * jitter)
    [base * spread, max_backoff].min
  end

  # The wait in seconds before retry number `attempt`: a valid Retry-After of
  # `headers` (those of the response being retried; nil when there was none),
  # else #backoff. nil when Retry-After asks for longer than
  # `retry_after_cap`: the request should not be retried.
  def delay_for(attempt, headers, now: Time.now.to_f, rng: Random)
    value = headers && header(headers, 'retry-after')
    wait = value.nil? ? nil : RetryPolicy.parse_retry_after(value, now)
    return backoff(attempt, rng) if wait.nil?

    wait <= retry_after_cap ? wait : nil
  end

  # The seconds a Retry-After value asks to wait, counted from `now` (a Unix
  # timestamp): delta-seconds ("120") or an HTTP date. A date in the past
  # gives 0; anything else (negative numbers, fractions, garbage) gives nil.
  def self.parse_retry_after(value, now)
    return value.strip.to_i.to_f if DELTA_SECONDS.match?(value)

    date = parse_date(value.strip)
    date.nil? ? nil : [0.0, date.to_f - now].max
  end

  def self.parse_date(text)
    Time.httpdate(text)
  rescue ArgumentError
    begin
      Time.rfc2822(text)
    rescue ArgumentError
      nil
    end
  end
  private_class_method :parse_date

  def inspect
    "#<#{self.class.name} max_retries=#{max_retries} statuses=#{statuses.inspect} methods=#{methods.inspect}>"
  end

  private

  def header(headers, name)
    headers.each { |key, value| return value if key.to_s.downcase == name }
    nil
  end
end
