
// --- test harness (tests/snippets): appended after the snippet under test.
for (const harnessCase of JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"))) {
  const ok = verifyWebhook(harnessCase.secret, Buffer.from(harnessCase.body, "base64"), ...harnessCase.headers);
  console.log(ok === true ? "true" : "false");
}
