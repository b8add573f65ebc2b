// Reads {"secret", "body", "headers"} as JSON on stdin and verifies them with the official
// Standard Webhooks library. Prints "verified" and exits 0, or prints the library's error and
// exits 1.
import { Webhook } from "standardwebhooks";

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const { secret, body, headers } = JSON.parse(input);
  try {
    new Webhook(secret).verify(body, headers);
    console.log("verified");
  } catch (e) {
    console.log(`rejected: ${e.message}`);
    process.exit(1);
  }
});
