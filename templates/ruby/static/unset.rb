# frozen_string_literal: true

# The runtime of a generated client: the same for every API, so it names no
# module. The package's entry file evaluates each runtime file inside the
# package's own module, so two generated gems never share these classes.

# UNSET means "not given", as opposed to nil (JSON null). A model field left
# UNSET is not sent at all; a field set to nil is sent as null. Readers of a
# model return nil for a field that was never set; `field_set?` tells the two
# apart.
UNSET = Object.new
class << UNSET
  def inspect
    'UNSET'
  end

  alias_method :to_s, :inspect
end
UNSET.freeze
