using System.Globalization;

namespace ChainSeg.Core.Segmentation.Rules;

// Hand-written scanner for rule conditions. Numbers are invariant culture (a '.' decimal point, no thousands
// separators), optionally signed, with an optional exponent and an optional trailing '%' that divides by 100.
// Identifiers are letters, digits, '_' and '.', starting with a letter or '_'; and/or/not/in are keywords in any case.
// Texts are quoted with ' or " (or the curly quotes of word processors, „German“ ones too), a doubled closing quote
// standing for itself; commas separate the texts of an 'in' list and are refused elsewhere.
internal static class RuleTokenizer
{
    public static List<RuleToken> Tokenize(string ruleName, string text)
    {
        var tokens = new List<RuleToken>();
        var i = 0;
        var inList = false;
        while (i < text.Length)
        {
            var c = text[i];
            var position = i + 1;
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            switch (c)
            {
                case '(':
                    // After == a list is a misplaced 'in' the parser names, rather than a thousands separator.
                    inList = tokens.Count > 0 && tokens[^1] is { Kind: RuleTokenKind.In } or { Kind: RuleTokenKind.Operator, Operator: ComparisonOperator.Equal or ComparisonOperator.NotEqual };
                    tokens.Add(new RuleToken(RuleTokenKind.LeftParenthesis, "(", position));
                    i++;
                    continue;
                case ')':
                    inList = false;
                    tokens.Add(new RuleToken(RuleTokenKind.RightParenthesis, ")", position));
                    i++;
                    continue;
                case ',' when inList:
                    tokens.Add(new RuleToken(RuleTokenKind.Comma, ",", position));
                    i++;
                    continue;
                case '>' or '<' or '=' or '!' or '≥' or '≤' or '≠':
                    tokens.Add(ScanOperator(ruleName, text, ref i, tokens.Count > 0 ? tokens[^1] : null));
                    continue;
                case '%':
                    // "95 %": the percentage sign belongs to its number, which the scanner has already read.
                    // "p80%": a percentile names its percent already.
                    throw new RuleSyntaxException(ruleName, tokens.Count > 0 && tokens[^1] is { Kind: RuleTokenKind.Number } before && !before.Text.EndsWith('%')
                        ? $"unexpected '%' at position {position}; write the percentage without a space, e.g. {before.Text}%"
                        : tokens.Count > 0 && tokens[^1] is { Kind: RuleTokenKind.Metric } word && PercentileThreshold.TryParse(word.Text, out _)
                            ? $"unexpected '%' at position {position}; a percentile is written without '%': {word.Text}"
                            : $"unexpected '%' at position {position}; a percentage follows its number, e.g. 95%", position);
                case '+' when i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || text[i + 1] == '.'):
                    var unsigned = text[(i + 1)..].TakeWhile(ch => char.IsAsciiDigit(ch) || ch is '.' or 'e' or 'E' or '%');
                    throw new RuleSyntaxException(ruleName, $"unexpected '+' at position {position}; write the number without '+', e.g. {string.Concat(unsigned)}", position);
                case '&':
                    throw new RuleSyntaxException(ruleName, $"unexpected '&' at position {position}; write 'and'", position);
                case '|':
                    throw new RuleSyntaxException(ruleName, $"unexpected '|' at position {position}; write 'or'", position);
                case ',':
                    throw new RuleSyntaxException(ruleName,
                        $"unexpected ',' at position {position}; write numbers without thousands separators, e.g. 250000", position);
            }

            if (StartsNumber(text, i))
                tokens.Add(ScanNumber(ruleName, text, ref i));
            else if (char.IsLetter(c) || c == '_')
                tokens.Add(ScanWord(text, ref i));
            else if (IsQuote(c))
                tokens.Add(ScanText(ruleName, text, ref i));
            else
                throw new RuleSyntaxException(ruleName, $"unexpected character '{c}' at position {position}{UnexpectedHint(c, tokens, inList)}", position);
        }

        tokens.Add(new RuleToken(RuleTokenKind.End, "", text.Length + 1));
        return tokens;
    }

    // What the writer of a character rules do not read most likely meant: a quote of another script or key, or the brackets
    // of a list in another language.
    private static string UnexpectedHint(char c, List<RuleToken> tokens, bool inList) => c switch
    {
        '`' or '\u00B4' or '\u00AB' or '\u00BB' or '\u2039' or '\u203A' => "; quote texts with ' or \", e.g. region == 'EU'",
        '[' or '{' when tokens.Count > 0 && tokens[^1].Kind == RuleTokenKind.In => "; write the texts in parentheses, e.g. region in ('a', 'b')",
        ';' when inList => "; separate the texts of a list with ',', e.g. region in ('a', 'b')",
        '+' or '-' or '*' or '/' => "; rules do no arithmetic: compare a metric with one number, e.g. revenue >= 25000",
        // €20000 or $20000 pasted from a report: amounts are in the run's currency, written as plain numbers.
        _ when char.GetUnicodeCategory(c) == UnicodeCategory.CurrencySymbol => "; write amounts without a currency sign, e.g. revenue >= 20000",
        _ => "; rules read metric names, numbers, quoted texts, comparisons (>=, <=, >, <, ==, !=), 'and', 'or', 'not', 'in' and parentheses",
    };

    private static RuleToken ScanOperator(string ruleName, string text, ref int i, RuleToken? previous)
    {
        var position = i + 1;
        var c = text[i];
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        // SQL's "not equal": read as '<' and then '>' where a number was due.
        if (c == '<' && next == '>')
            throw new RuleSyntaxException(ruleName, $"unknown operator '<>' at position {position}; write '!='", position);
        (string Text, ComparisonOperator Op)? match = (c, next) switch
        {
            ('>', '=') => (">=", ComparisonOperator.GreaterOrEqual),
            ('<', '=') => ("<=", ComparisonOperator.LessOrEqual),
            ('=', '=') => ("==", ComparisonOperator.Equal),
            ('!', '=') => ("!=", ComparisonOperator.NotEqual),
            ('>', _) => (">", ComparisonOperator.Greater),
            ('<', _) => ("<", ComparisonOperator.Less),
            ('≥', _) => ("≥", ComparisonOperator.GreaterOrEqual),
            ('≤', _) => ("≤", ComparisonOperator.LessOrEqual),
            ('≠', _) => ("≠", ComparisonOperator.NotEqual),
            _ => null,
        };
        if (match is null && c == '=' && next is '>' or '<')
        {
            // '>=' typed the other way round: the hint for a lone '=' ("write '=='") would send the writer the wrong way.
            throw new RuleSyntaxException(ruleName, $"unknown operator '={next}' at position {position}; write '{next}='", position);
        }

        if (match is null && c == '=' && previous is { Kind: RuleTokenKind.Operator, Text: ">" or "<" } split)
        {
            // '> =' is '>=' with a space, not a misspelt '==' (which the hint for a lone '=' would send the writer to).
            throw new RuleSyntaxException(ruleName, $"unknown operator '=' at position {position}; write '{split.Text}=' without a space", position);
        }

        if (match is null)
        {
            var hint = c == '=' ? "write '==' to compare" : "write 'not' to negate or '!=' to compare";
            throw new RuleSyntaxException(ruleName, $"unknown operator '{c}' at position {position}; {hint}", position);
        }

        i += match.Value.Text.Length;
        return new RuleToken(RuleTokenKind.Operator, match.Value.Text, position, Operator: match.Value.Op);
    }

    // A minus sign as word processors and PDFs write it (U+2212) is a minus: a threshold pasted from a policy document
    // was refused as an unexpected character, though ≥, ≤ and ≠ are read.
    private const char MinusSign = '\u2212';

    private static bool StartsNumber(string text, int i)
    {
        if (text[i] is '-' or MinusSign)
            i++;
        if (i >= text.Length)
            return false;
        return char.IsAsciiDigit(text[i]) || (text[i] == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]));
    }

    private static RuleToken ScanNumber(string ruleName, string text, ref int i)
    {
        var start = i;
        if (text[i] is '-' or MinusSign)
            i++;
        SkipDigits(text, ref i);
        if (i < text.Length && text[i] == '.')
        {
            i++;
            SkipDigits(text, ref i);
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
                j++;
            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                i = j;
                SkipDigits(text, ref i);
            }
        }

        var numberText = text[start..i];
        var isPercent = i < text.Length && text[i] == '%';
        if (isPercent)
            i++;
        if (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
        {
            var end = i;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '_' or '.'))
                end++;
            throw new RuleSyntaxException(ruleName,
                $"invalid number '{text[start..end]}' at position {start + 1}; numbers look like 250000, 0.95 or 95%", start + 1);
        }

        var value = double.Parse(numberText.Replace(MinusSign, '-'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
            throw new RuleSyntaxException(ruleName, $"number '{numberText}' at position {start + 1} is too large to read; write a threshold below 1e308", start + 1);
        // -0 is 0 (== 0 holds for both): kept signed it read 'revenue ≥ -0' in reasons and spelt another definition than 0.
        var number = isPercent ? value / 100 : value;
        return new RuleToken(RuleTokenKind.Number, text[start..i], start + 1, number == 0 ? 0 : number);
    }

    private static RuleToken ScanWord(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
            i++;
        var word = text[start..i];
        var kind = word.ToLowerInvariant() switch
        {
            "and" => RuleTokenKind.And,
            "or" => RuleTokenKind.Or,
            "not" => RuleTokenKind.Not,
            "in" => RuleTokenKind.In,
            _ => RuleTokenKind.Metric,
        };
        return new RuleToken(kind, word, start + 1);
    }

    // Straight quotes, and the curly ones a condition pasted from a policy document comes with (German ones open low: „EU“).
    private static bool IsQuote(char c) => IsSingleQuote(c) || c is '"' or '\u201C' or '\u201D' or '\u201E';

    private static bool IsSingleQuote(char c) => c is '\'' or '\u2018' or '\u2019' or '\u201A';

    // A text opened with a straight quote is closed by the same quote alone: a typographic apostrophe inside it is text
    // ('O’Brien', as names in a customer master are often written), where it closed the text and left 'Brien' unread. A
    // text opened with a curly quote is closed by any quote of its kind but an opening low one (‘EU’, ‘EU', „EU“, “EU”),
    // where not an apostrophe (Closes).
    // The closing quote doubled stands for itself ('O''Brien').
    private static RuleToken ScanText(string ruleName, string text, ref int i)
    {
        var start = i;
        var opening = text[i];
        var single = IsSingleQuote(opening);
        var value = new System.Text.StringBuilder();
        i++;
        while (i < text.Length)
        {
            var c = text[i];
            if (Closes(opening, text, i))
            {
                if (i + 1 < text.Length && text[i + 1] == c)
                {
                    value.Append(c);
                    i += 2;
                    continue;
                }

                i++;
                return new RuleToken(RuleTokenKind.Text, text[start..i], start + 1, Value: value.ToString());
            }

            value.Append(c);
            i++;
        }

        var quote = opening switch
        {
            '\'' or '"' => opening,
            '\u201A' => '\u2018',
            '\u201E' => '\u201C',
            _ => single ? '\u2019' : '\u201D',
        };
        // ‘EU’and: the ’ before a letter was read as an apostrophe, so the text ran on to the end.
        var apostrophe = single && opening != '\'' ? text.IndexOf('\u2019', start + 1) : -1;
        var hint = apostrophe >= 0 && apostrophe + 1 < text.Length && char.IsLetter(text[apostrophe + 1])
            ? $"; the ’ at position {apostrophe + 1} is followed by a letter, so it reads as an apostrophe (‘O’Brien’): if it ends the text, put a space after it"
            : "";
        throw new RuleSyntaxException(ruleName, $"the text opened at position {start + 1} is not closed; end it with {quote}, e.g. region == {opening}EU{quote}{hint}", start + 1);
    }

    // In a curly-quoted text, ’ followed by a letter is an apostrophe (‘O’Brien’): a closing quote is followed by a space,
    // ',', ')' or the end, and a word right after it would be refused anyway.
    private static bool Closes(char opening, string text, int i)
    {
        var c = text[i];
        if (opening is '\'' or '"')
            return c == opening;
        if (c == '\u2019' && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            return false;
        return IsQuote(c) && c is not ('\u201A' or '\u201E') && IsSingleQuote(c) == IsSingleQuote(opening);
    }

    private static void SkipDigits(string text, ref int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
            i++;
    }
}
