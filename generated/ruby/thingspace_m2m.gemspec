# Generated from thingspace-m2m.yaml. Do not edit: change the spec or the templates.
# frozen_string_literal: true

Gem::Specification.new do |spec|
  spec.name = 'thingspace_m2m'
  spec.version = '1.0.0'
  spec.summary = 'Ruby client for ThingSpace M2M'
  spec.description = 'Verizon ThingSpace M2M endpoints for managing SIM-Secure for IoT licenses: assigning and unassigning licenses on SIMs, reading the license subscriptions of an account, and starting and ending the Connectivity Management session whose token these calls need.'
  spec.authors = ['Generated from thingspace-m2m.yaml']
  spec.files = Dir['lib/**/*.rb', 'doc/**/*.md', 'README.md']
  spec.require_paths = ['lib']
  spec.required_ruby_version = '>= 3.0'
  spec.metadata['rubygems_mfa_required'] = 'true'
end
