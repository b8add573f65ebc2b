// Test harness (tests/snippets): built together with the snippet under test and a generated
// callVerify that passes the scheme's headers to VerifyWebhook.
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
)

type harnessCase struct {
	Secret  string   `json:"secret"`
	Body    string   `json:"body"`
	Headers []string `json:"headers"`
}

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var cases []harnessCase
	if err := json.Unmarshal(data, &cases); err != nil {
		panic(err)
	}
	for _, c := range cases {
		body, err := base64.StdEncoding.DecodeString(c.Body)
		if err != nil {
			panic(err)
		}
		fmt.Println(callVerify(c.Secret, body, c.Headers))
	}
}
