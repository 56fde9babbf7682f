namespace SharpKube.ApiMachinery.Selectors;

/// <summary>
/// Recursive-descent parser for label selector text:
/// <code>
/// selector    := requirement ("," requirement)*  |  ""
/// requirement := ["!"] KEY [ ("in" | "notin") "(" values ")" | ("=" | "==" | "!=" | "&gt;" | "&lt;") VALUE ]
/// </code>
/// Errors carry upstream's wording; those inside a requirement are prefixed
/// <c>unable to parse requirement: </c>.
/// </summary>
internal sealed class LabelSelectorParser
{
    private readonly List<LabelSelectorToken> _tokens;
    private int _position;

    private LabelSelectorParser(List<LabelSelectorToken> tokens) => _tokens = tokens;

    /// <summary>Parses <paramref name="text"/> into its requirements, in written order.</summary>
    public static List<LabelRequirement> Parse(string text) => new LabelSelectorParser(LabelSelectorLexer.Scan(text)).ParseSelector();

    private List<LabelRequirement> ParseSelector()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var next = Peek();
            switch (next.AsValue)
            {
                case LabelSelectorTokenKind.Identifier or LabelSelectorTokenKind.DoesNotExist:
                    requirements.Add(ParseRequirementOrThrow());
                    var separator = Next();
                    switch (separator.AsValue)
                    {
                        case LabelSelectorTokenKind.EndOfString:
                            return requirements;
                        case LabelSelectorTokenKind.Comma:
                            var afterComma = Peek();
                            if (afterComma.AsValue is not (LabelSelectorTokenKind.Identifier or LabelSelectorTokenKind.DoesNotExist))
                            {
                                throw Error($"found '{afterComma.Literal}', expected: identifier after ','");
                            }
                            break;
                        default:
                            throw Error($"found '{separator.Literal}', expected: ',' or 'end of string'");
                    }
                    break;
                case LabelSelectorTokenKind.EndOfString:
                    return requirements;
                default:
                    throw Error($"found '{next.Literal}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirementOrThrow()
    {
        try
        {
            return ParseRequirement();
        }
        catch (SelectorParseException e)
        {
            throw new SelectorParseException("unable to parse requirement: " + e.Message, e);
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var negated = false;
        var token = Next();
        if (token.AsValue == LabelSelectorTokenKind.DoesNotExist)
        {
            negated = true;
            token = Next();
        }
        if (token.AsValue != LabelSelectorTokenKind.Identifier)
        {
            throw Error($"found '{token.Literal}', expected: identifier");
        }
        var key = token.Literal;
        if (LabelSyntax.KeyProblems(key) is { } keyProblems)
        {
            // The parser validates keys with no field path, which upstream prints as "<nil>".
            throw Error(LabelRequirementValidation.Invalid("<nil>", GoStringLiteral.Quote(key), keyProblems));
        }
        // "!key" ends the requirement whatever follows; a following "=x" then fails as a separator.
        if (negated)
        {
            return LabelRequirement.Create(key, SelectorOperator.DoesNotExist, []);
        }
        if (Peek().AsValue is LabelSelectorTokenKind.EndOfString or LabelSelectorTokenKind.Comma)
        {
            return LabelRequirement.Create(key, SelectorOperator.Exists, []);
        }
        var op = ParseOperator();
        var values = op is SelectorOperator.In or SelectorOperator.NotIn ? ParseValueSet() : ParseExactValue();
        return LabelRequirement.Create(key, op, values);
    }

    private SelectorOperator ParseOperator()
    {
        var token = Next();
        return token.Kind switch
        {
            LabelSelectorTokenKind.In => SelectorOperator.In,
            LabelSelectorTokenKind.NotIn => SelectorOperator.NotIn,
            LabelSelectorTokenKind.Equals => SelectorOperator.Equals,
            LabelSelectorTokenKind.DoubleEquals => SelectorOperator.DoubleEquals,
            LabelSelectorTokenKind.NotEquals => SelectorOperator.NotEquals,
            LabelSelectorTokenKind.GreaterThan => SelectorOperator.GreaterThan,
            LabelSelectorTokenKind.LessThan => SelectorOperator.LessThan,
            _ => throw Error($"found '{token.Literal}', expected: in, notin, =, ==, !=, gt, lt"),
        };
    }

    private List<string> ParseValueSet()
    {
        var open = Next();
        if (open.AsValue != LabelSelectorTokenKind.OpenParenthesis)
        {
            throw Error($"found '{open.Literal}' expected: '('");
        }
        var first = Peek();
        switch (first.AsValue)
        {
            case LabelSelectorTokenKind.Identifier or LabelSelectorTokenKind.Comma:
                var values = ParseValueList();
                Next(); // the ')' that ended the list
                return values;
            case LabelSelectorTokenKind.ClosedParenthesis:
                Next();
                return [""];
            default:
                throw Error($"found '{first.Literal}', expected: ',', ')' or identifier");
        }
    }

    /// <summary>Values up to (not including) ')'; empty entries such as <c>(a,,b)</c> or <c>(,a)</c> mean "".</summary>
    private List<string> ParseValueList()
    {
        var values = new SortedSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var token = Next();
            switch (token.AsValue)
            {
                case LabelSelectorTokenKind.Identifier:
                    values.Add(token.Literal);
                    var after = Peek();
                    switch (after.AsValue)
                    {
                        case LabelSelectorTokenKind.Comma:
                            continue;
                        case LabelSelectorTokenKind.ClosedParenthesis:
                            return [.. values];
                        default:
                            throw Error($"found '{after.Literal}', expected: ',' or ')'");
                    }
                case LabelSelectorTokenKind.Comma:
                    if (values.Count == 0)
                    {
                        values.Add("");
                    }
                    var afterComma = Peek().AsValue;
                    if (afterComma == LabelSelectorTokenKind.ClosedParenthesis)
                    {
                        values.Add("");
                        return [.. values];
                    }
                    if (afterComma == LabelSelectorTokenKind.Comma)
                    {
                        Next();
                        values.Add("");
                    }
                    break;
                default:
                    throw Error($"found '{token.Literal}', expected: ',', or identifier");
            }
        }
    }

    private List<string> ParseExactValue()
    {
        if (Peek().AsValue is LabelSelectorTokenKind.EndOfString or LabelSelectorTokenKind.Comma)
        {
            return [""];
        }
        var token = Next();
        return token.AsValue == LabelSelectorTokenKind.Identifier
            ? [token.Literal]
            : throw Error($"found '{token.Literal}', expected: identifier");
    }

    private LabelSelectorToken Peek() => _tokens[Math.Min(_position, _tokens.Count - 1)];

    private LabelSelectorToken Next()
    {
        var token = Peek();
        _position++;
        return token;
    }

    private static SelectorParseException Error(string message) => new(message);
}
