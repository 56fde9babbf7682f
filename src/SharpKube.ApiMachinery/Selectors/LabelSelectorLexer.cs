namespace SharpKube.ApiMachinery.Selectors;

/// <summary>
/// Splits label selector text into tokens. Whitespace is space, tab, CR and LF; the operator
/// characters <c>= ! ( ) , &gt; &lt;</c> end an identifier; <c>!=</c> and <c>==</c> are single tokens.
/// </summary>
internal static class LabelSelectorLexer
{
    /// <summary>All tokens of <paramref name="text"/>, ending with one <see cref="LabelSelectorTokenKind.EndOfString"/>.</summary>
    public static List<LabelSelectorToken> Scan(string text)
    {
        var tokens = new List<LabelSelectorToken>();
        var position = 0;
        while (true)
        {
            while (position < text.Length && IsWhitespace(text[position]))
            {
                position++;
            }
            if (position == text.Length)
            {
                tokens.Add(new(LabelSelectorTokenKind.EndOfString, ""));
                return tokens;
            }
            tokens.Add(IsOperatorCharacter(text[position])
                ? ScanOperator(text, ref position)
                : ScanIdentifierOrKeyword(text, ref position));
        }
    }

    private static LabelSelectorToken ScanOperator(string text, ref int position)
    {
        var first = text[position++];
        if (first is '!' or '=' && position < text.Length && text[position] == '=')
        {
            position++;
            return first == '!'
                ? new(LabelSelectorTokenKind.NotEquals, "!=")
                : new(LabelSelectorTokenKind.DoubleEquals, "==");
        }
        return first switch
        {
            '!' => new(LabelSelectorTokenKind.DoesNotExist, "!"),
            '=' => new(LabelSelectorTokenKind.Equals, "="),
            '(' => new(LabelSelectorTokenKind.OpenParenthesis, "("),
            ')' => new(LabelSelectorTokenKind.ClosedParenthesis, ")"),
            ',' => new(LabelSelectorTokenKind.Comma, ","),
            '>' => new(LabelSelectorTokenKind.GreaterThan, ">"),
            _ => new(LabelSelectorTokenKind.LessThan, "<"),
        };
    }

    private static LabelSelectorToken ScanIdentifierOrKeyword(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && !IsWhitespace(text[position]) && !IsOperatorCharacter(text[position]))
        {
            position++;
        }
        var word = text[start..position];
        return word switch
        {
            "in" => new(LabelSelectorTokenKind.In, word),
            "notin" => new(LabelSelectorTokenKind.NotIn, word),
            _ => new(LabelSelectorTokenKind.Identifier, word),
        };
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsOperatorCharacter(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}
