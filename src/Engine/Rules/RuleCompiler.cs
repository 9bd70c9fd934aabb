using System.Globalization;
using System.Linq.Expressions;
using DynamicExpresso;
using DynamicExpresso.Exceptions;

namespace Hcsim.Engine.Rules;

/// <summary>
/// Compiles a rule condition once to a delegate over <see cref="PersonFacts"/>. DynamicExpresso parses the C#-like
/// text; the resulting expression tree is then checked against a whitelist (facts, parameters, literals, arithmetic,
/// comparison, logic, the conditional operator) so that a scenario file can never reach a .NET member, and the facts
/// are rewired to fields of one struct parameter and the parameters to constants.
/// </summary>
public static class RuleCompiler
{
    private static readonly System.Reflection.MethodInfo FlagMethod = typeof(People.PersonAttributes).GetMethod(nameof(People.PersonAttributes.Flag))!;
    private static readonly System.Reflection.MethodInfo NumberMethod = typeof(People.PersonAttributes).GetMethod(nameof(People.PersonAttributes.Number))!;

    /// <summary>Characters in one condition; a condition is a short formula, and the parser recurses per nesting level.</summary>
    public const int MaxExpressionLength = 1000;

    /// <summary>Nesting of parentheses and unary operators; bounded so that no condition can exhaust the stack.</summary>
    public const int MaxNesting = 32;

    public static RuleCondition Compile(string expression, IReadOnlyDictionary<string, double> parameters) =>
        Compile(expression, parameters, out _);

    /// <param name="factsRead">Bit i set when the condition reads <c>RuleFacts.All[i]</c>: only those need filling in.</param>
    public static RuleCondition Compile(string expression, IReadOnlyDictionary<string, double> parameters, out ulong factsRead) =>
        Compile(expression, parameters, null, out factsRead);

    /// <param name="attributes">The scenario's declared person attributes, readable by name; null for none.</param>
    public static RuleCondition Compile(string expression, IReadOnlyDictionary<string, double> parameters, People.DeclaredAttributes? attributes, out ulong factsRead)
    {
        var (body, facts) = Parse(expression, parameters, attributes);
        var reader = new FactReader(facts);
        reader.Visit(body);
        factsRead = reader.FieldsRead;
        return Expression.Lambda<RuleCondition>(body, facts).Compile();
    }

    /// <summary>
    /// Compiles the scenario's <c>score</c> expression: a number over the facts, the declared attributes and the
    /// parameters, checked like a condition. It may not read <c>score</c> itself.
    /// </summary>
    public static ScoreFunction CompileScore(string expression, IReadOnlyDictionary<string, double> parameters, People.DeclaredAttributes? attributes, out ulong factsRead)
    {
        var (body, facts, _) = ParseUsing(expression, parameters, attributes, typeof(double));
        var reader = new FactReader(facts);
        reader.Visit(body);
        factsRead = reader.FieldsRead;
        return Expression.Lambda<ScoreFunction>(body, facts).Compile();
    }

    /// <summary>
    /// True when the condition is false whatever the facts, with these parameters: a rule with it can never fire. That
    /// is a condition that reads no fact and is false (<c>false</c>, <c>1 &gt; 2</c>, <c>red_days &lt; 0</c>), or one
    /// whose fact-free parts decide it (<c>use_pcr_release == 1 &amp;&amp; last_test == "negative"</c> with
    /// <c>use_pcr_release</c> 0). A condition that some facts could make true is never reported, even if no person could
    /// satisfy it (<c>age &gt; 200</c>), because proving that in general is not possible from the text.
    /// </summary>
    public static bool IsConstantFalse(string expression, IReadOnlyDictionary<string, double> parameters, People.DeclaredAttributes? attributes = null)
    {
        var (body, facts) = Parse(expression, parameters, attributes);
        return new ConstantFolder(facts).Value(body) == false;
    }

    /// <summary>
    /// The first division or remainder (<c>/</c>, <c>%</c>) whose divisor reads no fact and is 0 with these parameters,
    /// as text with the parameters' values in place (<c>(14 - 14)</c>); null when there is none. An integer division
    /// by zero fails while running, and a floating one gives an infinity that no comparison means, so either is a
    /// mistake in the scenario.
    /// </summary>
    public static string? FindZeroDivisor(string expression, IReadOnlyDictionary<string, double> parameters, People.DeclaredAttributes? attributes = null, bool isScore = false)
    {
        var (body, facts, _) = ParseUsing(expression, parameters, attributes, isScore ? typeof(double) : typeof(bool));
        var finder = new ZeroDivisorFinder(facts);
        finder.Visit(body);
        return finder.Divisor;
    }

    private static bool ReadsFacts(Expression node, ParameterExpression facts)
    {
        var reader = new FactReader(facts);
        reader.Visit(node);
        return reader.ReadsFacts;
    }

    /// <summary>The value of a fact-free expression, or null when evaluating it fails (a division by zero).</summary>
    private static object? Evaluate(Expression node)
    {
        try
        {
            return Expression.Lambda<Func<object>>(Expression.Convert(node, typeof(object))).Compile(preferInterpretation: true)();
        }
        catch (ArithmeticException)
        {
            return null;
        }
    }

    /// <summary>Decides a boolean expression from its fact-free parts where they suffice; null where facts decide it.</summary>
    private sealed class ConstantFolder(ParameterExpression facts)
    {
        public bool? Value(Expression node)
        {
            if (node.Type != typeof(bool))
            {
                return null;
            }
            if (!ReadsFacts(node, facts))
            {
                return Evaluate(node) as bool?;
            }
            switch (node)
            {
                case BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.And } and:
                {
                    var (left, right) = (Value(and.Left), Value(and.Right));
                    return left == false || right == false ? false : left == true && right == true ? true : null;
                }
                case BinaryExpression { NodeType: ExpressionType.OrElse or ExpressionType.Or } or:
                {
                    var (left, right) = (Value(or.Left), Value(or.Right));
                    return left == true || right == true ? true : left == false && right == false ? false : null;
                }
                case UnaryExpression { NodeType: ExpressionType.Not } not:
                    return !Value(not.Operand);
                case UnaryExpression { NodeType: ExpressionType.Convert } convert:
                    return Value(convert.Operand);
                case ConditionalExpression conditional:
                {
                    var test = Value(conditional.Test);
                    if (test is { } decided)
                    {
                        return Value(decided ? conditional.IfTrue : conditional.IfFalse);
                    }
                    var (whenTrue, whenFalse) = (Value(conditional.IfTrue), Value(conditional.IfFalse));
                    return whenTrue == whenFalse ? whenTrue : null;
                }
                default:
                    return null;
            }
        }
    }

    private sealed class ZeroDivisorFinder(ParameterExpression facts) : ExpressionVisitor
    {
        public string? Divisor { get; private set; }

        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (Divisor is null && node.NodeType is ExpressionType.Divide or ExpressionType.Modulo && !ReadsFacts(node.Right, facts)
                && Evaluate(node.Right) is { } value && IsZero(value))
            {
                Divisor = Describe(node.Right);
            }
            return base.VisitBinary(node);
        }

        /// <summary>A divisor as text, with the parameters' values in place and without the parser's conversions.</summary>
        private static string Describe(Expression node) => node switch
        {
            ConstantExpression constant => Convert.ToString(constant.Value, CultureInfo.InvariantCulture) ?? "null",
            UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked or ExpressionType.UnaryPlus } unary => Describe(unary.Operand),
            UnaryExpression { NodeType: ExpressionType.Negate } negate => "-" + Describe(negate.Operand),
            UnaryExpression { NodeType: ExpressionType.Not } not => "!" + Describe(not.Operand),
            BinaryExpression binary => $"({Describe(binary.Left)} {Symbol(binary.NodeType)} {Describe(binary.Right)})",
            ConditionalExpression conditional => $"({Describe(conditional.Test)} ? {Describe(conditional.IfTrue)} : {Describe(conditional.IfFalse)})",
            _ => node.ToString(),
        };

        private static string Symbol(ExpressionType type) => type switch
        {
            ExpressionType.Add => "+",
            ExpressionType.Subtract => "-",
            ExpressionType.Multiply => "*",
            ExpressionType.Divide => "/",
            ExpressionType.Modulo => "%",
            ExpressionType.AndAlso => "&&",
            ExpressionType.OrElse => "||",
            ExpressionType.And => "&",
            ExpressionType.Or => "|",
            ExpressionType.LessThan => "<",
            ExpressionType.LessThanOrEqual => "<=",
            ExpressionType.GreaterThan => ">",
            ExpressionType.GreaterThanOrEqual => ">=",
            ExpressionType.Equal => "==",
            ExpressionType.NotEqual => "!=",
            _ => type.ToString(),
        };

        private static bool IsZero(object value) => value switch
        {
            int i => i == 0,
            long l => l == 0,
            double d => d == 0,
            float f => f == 0,
            decimal m => m == 0,
            _ => false,
        };
    }

    /// <summary>
    /// The policy parameters a condition reads, by name. Which ones does not depend on their values, so the loader asks
    /// once per condition text whether a parameter that a variant or a sweep changes is read by any rule at all.
    /// </summary>
    public static IReadOnlyList<string> ParametersRead(string expression, IReadOnlyDictionary<string, double> parameters, People.DeclaredAttributes? attributes = null, bool isScore = false)
    {
        var (_, _, used) = ParseUsing(expression, parameters, attributes, isScore ? typeof(double) : typeof(bool));
        return [.. used.Where(parameters.ContainsKey)];
    }

    private static (Expression Body, ParameterExpression Facts) Parse(string expression, IReadOnlyDictionary<string, double> parameters, People.DeclaredAttributes? attributes)
    {
        var (body, facts, _) = ParseUsing(expression, parameters, attributes, typeof(bool));
        return (body, facts);
    }

    /// <summary>Parses, checks and rewires a condition (or a score); also returns the names of the facts, attributes and parameters it uses.</summary>
    private static (Expression Body, ParameterExpression Facts, IReadOnlyList<string> Used) ParseUsing(
        string expression, IReadOnlyDictionary<string, double> parameters, People.DeclaredAttributes? attributes, Type resultType)
    {
        CheckSize(expression);
        var facts = Expression.Parameter(typeof(PersonFacts).MakeByRefType(), "facts");
        var bindings = new Dictionary<ParameterExpression, Expression>();
        var declared = new List<Parameter>();
        foreach (var fact in RuleFacts.All)
        {
            var placeholder = Expression.Parameter(fact.Type, fact.Name);
            bindings[placeholder] = Expression.Field(facts, fact.Field);
            declared.Add(new Parameter(placeholder));
        }
        foreach (var attribute in attributes?.All ?? [])
        {
            if (RuleFacts.All.Any(f => f.Name == attribute.Name))
            {
                continue;
            }
            // An attribute reads its column at the person's index; the method call is added after the whitelist check.
            var placeholder = Expression.Parameter(attribute.IsFlag ? typeof(bool) : typeof(double), attribute.Name);
            bindings[placeholder] = Expression.Call(
                Expression.Field(facts, nameof(PersonFacts.Attributes)),
                attribute.IsFlag ? FlagMethod : NumberMethod,
                Expression.Constant(attribute.Column),
                Expression.Field(facts, nameof(PersonFacts.Agent)));
            declared.Add(new Parameter(placeholder));
        }
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (RuleFacts.All.Any(f => f.Name == name) || attributes?.Find(name) is not null)
            {
                continue;
            }
            var placeholder = Expression.Parameter(typeof(double), name);
            bindings[placeholder] = Expression.Constant(value);
            declared.Add(new Parameter(placeholder));
        }

        var text = string.IsNullOrWhiteSpace(expression) ? (resultType == typeof(bool) ? "true" : "0") : expression;
        Lambda lambda;
        try
        {
            lambda = new Interpreter(InterpreterOptions.SystemKeywords).Parse(text, resultType, [.. declared]);
        }
        catch (UnknownIdentifierException e)
        {
            var known = declared.Select(p => p.Name).ToList();
            throw new RuleExpressionException($"unknown name '{e.Identifier}'{Suggest(e.Identifier, known)}; a condition may use only the documented facts, the declared attributes and the policy parameters", e.Position);
        }
        catch (ParseException e)
        {
            // DynamicExpresso says "Invalid Operation" when the text stops after an operator; say what that means.
            var message = e.Position >= text.TrimEnd().Length
                ? $"the condition ends too early: something is missing after '{text.TrimEnd()}' ({StripPosition(e.Message)})"
                : StripPosition(e.Message);
            throw new RuleExpressionException(message, e.Position);
        }
        catch (DivideByZeroException)
        {
            throw new RuleExpressionException("division by zero", 0);
        }

        new WhitelistCheck(bindings, text).Visit(lambda.Expression);
        return (new FactRewriter(bindings).Visit(lambda.Expression)!, facts, [.. lambda.UsedParameters.Select(p => p.Name)]);
    }

    private static void CheckSize(string expression)
    {
        if (expression.Length > MaxExpressionLength)
        {
            throw new RuleExpressionException(
                $"the condition has {expression.Length} characters, more than the limit of {MaxExpressionLength}; split it with policy parameters or several rules",
                MaxExpressionLength);
        }
        // Counted on the text: '(' and the unary operators each add a level of recursion in the parser.
        var depth = 0;
        var unary = 0;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth = Math.Max(0, depth - 1);
            }
            unary = c is '!' or '-' or '+' or '~' ? unary + 1 : char.IsWhiteSpace(c) ? unary : 0;
            if (depth + unary > MaxNesting)
            {
                throw new RuleExpressionException($"the condition nests parentheses or operators more than {MaxNesting} levels deep", i);
            }
        }
    }

    /// <summary>Finds whether an expression reads the facts parameter (after facts were rewired to its fields).</summary>
    private sealed class FactReader(ParameterExpression facts) : ExpressionVisitor
    {
        public bool ReadsFacts { get; private set; }

        /// <summary>Bit i set when the field of <c>RuleFacts.All[i]</c> is read.</summary>
        public ulong FieldsRead { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            ReadsFacts |= node == facts;
            return node;
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression == facts)
            {
                for (var i = 0; i < RuleFacts.All.Count; i++)
                {
                    if (RuleFacts.All[i].Field == node.Member.Name)
                    {
                        FieldsRead |= 1UL << i;
                    }
                }
            }
            return base.VisitMember(node);
        }
    }

    private static string StripPosition(string message)
    {
        var at = message.IndexOf(" (at index", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }

    private static string Suggest(string name, IReadOnlyList<string> known) =>
        Scenarios.SettingNames.Suggest(name, known) is { } best ? $" (did you mean '{best}'?)" : "";

    /// <summary>Rejects every node that is not plain arithmetic, comparison or logic over facts, parameters and literals.</summary>
    private sealed class WhitelistCheck(Dictionary<ParameterExpression, Expression> bindings, string text) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node)
        {
            if (node is null)
            {
                return null;
            }
            if (node is ConstantExpression { Value: null })
            {
                // `when: null` (or a null inside) parses, then fails with a null reference when evaluated.
                throw new RuleExpressionException("'null' is not a value a condition can use: leave 'when' out (always true) or compare facts and parameters", 0);
            }
            switch (node.NodeType)
            {
                case ExpressionType.Parameter:
                    if (!bindings.ContainsKey((ParameterExpression)node))
                    {
                        throw Refuse(node);
                    }
                    return node;
                case ExpressionType.Constant:
                    var value = ((ConstantExpression)node).Value;
                    if (value is not (null or bool or int or long or double or float or decimal or string))
                    {
                        throw Refuse(node);
                    }
                    return node;
                case ExpressionType.Convert:
                case ExpressionType.ConvertChecked:
                    var unary = (UnaryExpression)node;
                    if (unary.Method is not null || !IsPlainType(unary.Type))
                    {
                        throw Refuse(node);
                    }
                    return base.Visit(node);
                case ExpressionType.Not:
                case ExpressionType.Negate:
                case ExpressionType.UnaryPlus:
                    if (((UnaryExpression)node).Method is not null)
                    {
                        throw Refuse(node);
                    }
                    return base.Visit(node);
                case ExpressionType.Add:
                case ExpressionType.Subtract:
                case ExpressionType.Multiply:
                case ExpressionType.Divide:
                case ExpressionType.Modulo:
                case ExpressionType.AndAlso:
                case ExpressionType.OrElse:
                case ExpressionType.And:
                case ExpressionType.Or:
                case ExpressionType.LessThan:
                case ExpressionType.LessThanOrEqual:
                case ExpressionType.GreaterThan:
                case ExpressionType.GreaterThanOrEqual:
                case ExpressionType.Equal:
                case ExpressionType.NotEqual:
                    var binary = (BinaryExpression)node;
                    if (binary.Method is not null && !IsPrimitiveOperator(binary))
                    {
                        throw Refuse(node);
                    }
                    return base.Visit(node);
                case ExpressionType.Conditional:
                    return base.Visit(node);
                default:
                    throw Refuse(node);
            }
        }

        // DynamicExpresso binds some operators to their operator methods (double.op_GreaterThanOrEqual,
        // string.op_Equality); those on plain types are as harmless as the operators themselves.
        private static bool IsPrimitiveOperator(BinaryExpression binary) =>
            IsPlainType(binary.Method!.DeclaringType!) && binary.Method.Name.StartsWith("op_", StringComparison.Ordinal);

        private static bool IsPlainType(Type type)
        {
            var t = Nullable.GetUnderlyingType(type) ?? type;
            return t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(float)
                || t == typeof(decimal) || t == typeof(string);
        }

        private RuleExpressionException Refuse(Expression node) =>
            new($"not allowed in a rule condition: '{node}'; only facts, parameters, literals, arithmetic, comparisons, && || ! and ?: are", PositionOf(node));

        // The parsed tree has no positions; the name of the member, method or keyword that was refused is the best
        // pointer back into the text (the first occurrence, which is where it is in all but contrived conditions).
        private int PositionOf(Expression node)
        {
            var token = node switch
            {
                MemberExpression member => "." + member.Member.Name,
                MethodCallExpression call => call.Method.Name,
                NewExpression or NewArrayExpression => "new",
                TypeBinaryExpression => " is ",
                UnaryExpression { NodeType: ExpressionType.TypeAs } => " as ",
                LambdaExpression => "=>",
                BinaryExpression { NodeType: ExpressionType.Assign } => "=",
                ConstantExpression { Value: Type } => "typeof",
                _ => null,
            };
            var at = token is null ? -1 : text.IndexOf(token, StringComparison.Ordinal);
            return at < 0 ? 0 : token![0] is '.' or ' ' ? at + 1 : at;
        }
    }

    private sealed class FactRewriter(Dictionary<ParameterExpression, Expression> bindings) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            bindings.TryGetValue(node, out var replacement) ? replacement : node;
    }
}
