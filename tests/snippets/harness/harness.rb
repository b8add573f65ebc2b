
# --- test harness (tests/snippets): appended after the snippet under test.
require "json"
JSON.parse(File.read(ARGV[0])).each do |harness_case|
  ok = verify_webhook(harness_case["secret"], harness_case["body"].unpack1("m0"), *harness_case["headers"])
  puts(ok == true ? "true" : "false")
end
