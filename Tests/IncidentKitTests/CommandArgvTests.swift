import Testing

@testable import IncidentKit

@Suite struct CommandArgvTests {
    @Test func plainCommandsSplitIntoWordsWithShellQuotingAndNoExpansion() {
        #expect(
            CommandArgv.prepare("kubectl rollout undo deployment/api -n prod").argv == [
                "kubectl", "rollout", "undo", "deployment/api", "-n", "prod",
            ])
        #expect(
            CommandArgv.prepare(#"git commit -m 'revert: bad  flag' --author "Al \"B\" C""#).argv == [
                "git", "commit", "-m", "revert: bad  flag", "--author", #"Al "B" C"#,
            ])
        #expect(CommandArgv.prepare(#"echo a\ b ''"#).argv == ["echo", "a b", ""])
        #expect(CommandArgv.prepare("python3 x.py --flag=on").shellSyntax == nil)
        #expect(CommandArgv.prepare("curl http://host/#frag").argv == ["curl", "http://host/#frag"])
    }

    @Test(arguments: [
        ("ps aux | grep runner", "a pipe (|)"),
        ("make stop; make start", "a command separator (;)"),
        ("echo $(date)", "an expansion ($)"),
        ("echo \"$HOME\"", "an expansion ($)"),
        ("echo `id`", "command substitution (`)"),
        ("cat > /tmp/x", "a redirection (>)"),
        ("rm -rf build/*", "a glob (*)"),
        ("make a && make b", "& (background or &&)"),
        ("echo one\necho two", "a newline"),
        ("FOO=1 make", "an environment assignment (NAME=value)"),
        ("ls ~/x", "a home directory (~)"),
        ("echo 'unterminated", "an unterminated quote (')"),
    ])
    func shellSyntaxRunsThroughShDashCAndSaysWhy(command: String, why: String) {
        let prepared = CommandArgv.prepare(command)
        #expect(prepared.argv == ["/bin/sh", "-c", command])
        #expect(prepared.shellSyntax == why)
        #expect(prepared.usesShell)
    }

    @Test func displayQuotesWhatAShellWouldSplitOrExpand() {
        #expect(
            CommandArgv.display(["echo", "a b", "it's", "$HOME", "plain-1.0/x"])
                == #"echo 'a b' 'it'\''s' '$HOME' plain-1.0/x"#)
        // Found by fuzzing: a word like NAME=value is quoted, or first it would read back as an assignment.
        #expect(CommandArgv.display(["e9=9", "--flag=x"]) == "'e9=9' --flag=x")
        #expect(CommandArgv.prepare(CommandArgv.display(["e9=9"])).argv == ["e9=9"])
    }

    @Test func aQuoteFollowedByACombiningMarkIsStillAQuote() {
        // Found by fuzzing: split by grapheme clusters, `'` + U+07AA was one character and the
        // quote was missed; a shell reads the quote.
        #expect(CommandArgv.prepare("echo '\u{07AA}a b'").argv == ["echo", "\u{07AA}a b"])
        let shown = CommandArgv.display(["x", "\u{07AA}y"])
        #expect(CommandArgv.prepare(shown).argv == ["x", "\u{07AA}y"])
        // And when shown: the quote inside a word is escaped even with a mark after it.
        let word = "it'\u{07AA}s"
        #expect(CommandArgv.prepare(CommandArgv.display(["echo", word])).argv == ["echo", word])
    }

    @Test func controlCharactersMakeACommandUnrunnable() {
        for text in ["echo a\u{0}b", "echo \u{1B}[2J", "echo \u{7F}", "echo \u{9B}x"] {
            let prepared = CommandArgv.prepare(text)
            #expect(prepared.argv.isEmpty, "\(text)")
            #expect(prepared.unrunnable?.contains("control character") == true, "\(text)")
        }
        #expect(CommandArgv.prepare("printf 'a\tb'").unrunnable == nil)
    }
}
