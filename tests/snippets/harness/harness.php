
// --- test harness (tests/snippets): appended after the snippet under test.
foreach (json_decode(file_get_contents($argv[1]), true) as $harnessCase) {
    $ok = verify_webhook($harnessCase['secret'], base64_decode($harnessCase['body']), ...$harnessCase['headers']);
    echo $ok === true ? "true\n" : "false\n";
}
