/**
 * Names and values of one Python file: imports (every form of `import`), module-level constants,
 * classes with their attribute defaults and `self.x = …` assignments, and functions with their
 * parameters and local assignments. `Resolver.evaluate` turns an expression into a value with its
 * source, or says it is symbolic; it never guesses.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { type CallArgument, callArguments, childNamed, children, elements, forEachNode, isError, parseNumber, parseString } from './syntax';
import type { PyValue, Reference, ResolvedValue, SymbolicElement, TensorValue, ValueSource } from './types';

export class FunctionScope {
  private assigned: Map<string, (SyntaxNode | null)[]> | undefined;

  constructor(
    readonly node: SyntaxNode,
    readonly name: string,
    /** Parameter name → default value node (null when it has none) and annotation. */
    readonly parameters: Map<string, { readonly defaultValue: SyntaxNode | null; readonly annotation: SyntaxNode | null; readonly index: number }>,
    readonly parent: FunctionScope | undefined,
    readonly owner: ClassScope | undefined,
    private readonly text: string,
    /** The name the owner class was looked up by (a later class of the same name would win). */
    readonly ownerName?: string,
  ) {}

  /** Name → assigned value nodes; null for a binding the analyzer cannot follow (for, with, tuple unpacking, +=). Collected on first use. */
  get assignments(): Map<string, (SyntaxNode | null)[]> {
    if (!this.assigned) {
      this.assigned = new Map();
      const body = childNamed(this.node, 'Body');
      if (body) collectAssignments(body, this.assigned, this.text);
    }
    return this.assigned;
  }
}

/** An argument with the scope it is evaluated in (a partial's arguments belong to where the partial was written). */
export interface ScopedArgument {
  readonly arg: CallArgument;
  readonly fn: FunctionScope | undefined;
  readonly bindings?: Bindings;
}

/** What `functools.partial(Class, …)` binds. */
export interface PartialArguments {
  readonly args: readonly ScopedArgument[];
}

export interface ClassScope {
  readonly node: SyntaxNode;
  readonly name: string;
  /** Class-body assignments: `n_embd: int = 768` (null value when only annotated). */
  readonly attributes: Map<string, SyntaxNode | null>;
  readonly methods: Map<string, FunctionScope>;
  readonly bases: readonly SyntaxNode[];
}

/** Order of certainty, most certain first; a combination is as uncertain as its weakest part. */
const CERTAINTY: readonly ValueSource[] = ['literal', 'constant', 'frameworkDefault', 'classAttribute', 'instanceAttribute', 'parameterDefault', 'symbolic'];

export function weakest(...sources: ValueSource[]): ValueSource {
  return sources.reduce((a, b) => (CERTAINTY.indexOf(a) >= CERTAINTY.indexOf(b) ? a : b), 'literal');
}

export const isReference = (value: PyValue | undefined): value is Reference =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'ref' in value;

export const isTensor = (value: PyValue | undefined): value is TensorValue =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'tensorShape' in value;

/** A class of the file is referred to as `local:<name>`. */
export const LOCAL_CLASS = 'local:';

/** Expressions that hold no statements (nor assignments, imports or classes): walks need not enter them. */
const EXPRESSION_LEAVES = new Set([
  'CallExpression', 'MemberExpression', 'BinaryExpression', 'UnaryExpression', 'ArrayExpression', 'TupleExpression', 'DictionaryExpression',
  'SetExpression', 'ParenthesizedExpression', 'ConditionalExpression', 'String', 'FormatString', 'Number', 'VariableName', 'LambdaExpression',
  'ArrayComprehensionExpression', 'DictionaryComprehensionExpression', 'SetComprehensionExpression', 'ComprehensionExpression', 'Comment',
]);
const MAX_DEPTH = 24;

/** Bindings for analysing a custom class's body for one construction site: its __init__ parameters → the caller's arguments. */
export interface Bindings {
  readonly cls: ClassScope;
  readonly names: ReadonlyMap<string, ResolvedValue>;
}

/**
 * What one part of the file's analysis asked about the module's names, each with the answer's
 * signature (see `Resolver.signature`): if every signature is the same in a later version, the
 * part analyses the same there.
 */
export type Dependencies = Map<string, string>;

export class Resolver {
  private readonly imports = new Map<string, string>();
  private readonly moduleAssignments = new Map<string, (SyntaxNode | null)[]>();
  private readonly classes = new Map<string, ClassScope>();
  private readonly functions = new Map<number, FunctionScope>();
  private readonly selfAssignmentCache = new Map<ClassScope, Map<string, { readonly value: SyntaxNode | null; readonly method: FunctionScope }[]>>();
  /** Every name that is ever assigned, imported, defined as a class or given a parameter default: only these can name a layer class. */
  private readonly boundNames = new Set<string>();
  private readonly active = new Set<string>();
  private readonly signatures = new Map<string, string>();
  /** While a part of the file is analysed: every module-level question it asks. */
  recording: Dependencies | undefined;

  constructor(
    readonly text: string,
    readonly tree: Tree,
  ) {
    this.collectModule(tree.topNode);
  }

  textOf(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  // ---- module-level names, each question recorded --------------------------------------------

  /** The class of the file defined under `name` (the last one, as Python would bind it). */
  classNamed(name: string): ClassScope | undefined {
    this.record(`n:${name}`);
    return this.classes.get(name);
  }

  /** The module-level bindings of `name`: assigned values (null where not followed). */
  moduleAssignmentsOf(name: string): (SyntaxNode | null)[] | undefined {
    this.record(`n:${name}`);
    return this.moduleAssignments.get(name);
  }

  /** True when `name` is bound anywhere in the file (assigned, imported, a class, a parameter with a default). */
  isBound(name: string): boolean {
    this.record(`b:${name}`);
    return this.boundNames.has(name);
  }

  /** The part being analysed looks at other top-level statements (what follows a module-level construction): it is the same only if the whole file is. */
  dependsOnWholeFile(): void {
    this.record('f:');
  }

  private record(key: string): void {
    if (this.recording && !this.recording.has(key)) this.recording.set(key, this.signature(key));
  }

  /**
   * What the module says about a name, as a string that changes whenever an answer about it could:
   * `n:<name>`: its module assignments (position and text), the class of that name (position and
   * text), the import; `b:<name>`: whether it is bound anywhere; `f:`: the whole text.
   */
  signature(key: string): string {
    const known = this.signatures.get(key);
    if (known !== undefined) return known;
    const name = key.slice(2);
    let signature: string;
    if (key === 'f:') signature = this.text;
    else if (key.startsWith('b:')) signature = this.boundNames.has(name) ? '1' : '0';
    else {
      const assigned = this.moduleAssignments.get(name);
      const cls = this.classes.get(name);
      const at = (node: SyntaxNode | null) => (node ? `${node.from}:${this.textOf(node)}` : '∅');
      signature = [assigned ? assigned.map(at).join('\u0001') : '-', cls ? at(cls.node) : '-', this.imports.get(name) ?? '-'].join('\u0002');
    }
    this.signatures.set(key, signature);
    return signature;
  }

  // ---- collection --------------------------------------------------------------------------

  private collectModule(top: SyntaxNode): void {
    forEachNode(top, (cursor) => {
      const name = cursor.name;
      if (name === 'ImportStatement') {
        this.collectImport(cursor.node);
        return false;
      }
      if (name === 'ClassDefinition') this.collectClass(cursor.node);
      else if (name === 'AssignStatement') {
        for (let child = cursor.node.firstChild; child && child.name !== 'AssignOp'; child = child.nextSibling) if (child.name === 'VariableName') this.boundNames.add(this.textOf(child));
      } else if (name === 'ParamList') {
        for (let child = cursor.node.firstChild; child; child = child.nextSibling) {
          if (child.name === 'AssignOp' && child.prevSibling) {
            const parameter = child.prevSibling.name === 'TypeDef' ? child.prevSibling.prevSibling : child.prevSibling;
            if (parameter?.name === 'VariableName') this.boundNames.add(this.textOf(parameter));
          }
        }
        return false;
      }
      // Imports and classes are statements: no need to look inside expressions.
      return !EXPRESSION_LEAVES.has(name);
    });
    for (const name of this.imports.keys()) this.boundNames.add(name);
    for (const name of this.classes.keys()) this.boundNames.add(name);
    collectAssignments(top, this.moduleAssignments, this.text);
  }

  private collectImport(node: SyntaxNode): void {
    const parts = children(node);
    const isFrom = parts[0]?.name === 'from';
    let index = 1;
    let source = '';
    if (isFrom) {
      // from a.b import c as d, e   (relative imports `from . import x` keep their dots out: they are the user's modules)
      const dotted: string[] = [];
      for (; index < parts.length && parts[index].name !== 'import'; index++) {
        if (parts[index].name === 'VariableName') dotted.push(this.textOf(parts[index]));
        else if (parts[index].name !== '.') dotted.length = 0;
      }
      source = dotted.join('.');
      index++;
    }
    while (index < parts.length) {
      const dotted: string[] = [];
      for (; index < parts.length && parts[index].name !== ',' && parts[index].name !== 'as'; index++) {
        if (parts[index].name === 'VariableName') dotted.push(this.textOf(parts[index]));
      }
      let alias: string | undefined;
      if (parts[index]?.name === 'as') {
        alias = parts[index + 1]?.name === 'VariableName' ? this.textOf(parts[index + 1]) : undefined;
        index += 2;
      }
      index++;
      if (dotted.length === 0) continue;
      const path = dotted.join('.');
      if (isFrom) {
        if (source && path !== '*') this.imports.set(alias ?? path, `${source}.${path}`);
      } else if (alias) this.imports.set(alias, path);
      // `import torch.nn` binds `torch`.
      else this.imports.set(dotted[0], dotted[0]);
    }
  }

  private collectClass(node: SyntaxNode): void {
    const nameNode = childNamed(node, 'VariableName');
    const body = childNamed(node, 'Body');
    if (!nameNode || !body) return;
    const name = this.textOf(nameNode);
    const argList = childNamed(node, 'ArgList');
    const cls: ClassScope = {
      node,
      name,
      attributes: new Map(),
      methods: new Map(),
      bases: argList ? callArguments(argList, this.text).filter((arg) => !arg.keyword && !arg.splat).map((arg) => arg.value) : [],
    };
    // Before the methods, which find their owner here.
    this.classes.set(name, cls);
    for (const statement of children(body)) {
      if (statement.name === 'AssignStatement') {
        const target = statement.firstChild;
        if (target?.name === 'VariableName') cls.attributes.set(this.textOf(target), valueOfAssignment(statement));
      } else if (statement.name === 'ExpressionStatement' || statement.name === 'AnnotatedStatement') {
        // `n_embd: int` without a value
        const first = statement.firstChild;
        if (first?.name === 'VariableName' && first.nextSibling?.name === 'TypeDef') cls.attributes.set(this.textOf(first), null);
      }
      const definition = statement.name === 'DecoratedStatement' ? childNamed(statement, 'FunctionDefinition') : statement.name === 'FunctionDefinition' ? statement : null;
      if (definition) {
        const method = this.functionScope(definition);
        if (method) cls.methods.set(method.name, method);
      }
    }
  }

  /** `self.x = value` anywhere in the class's methods, collected on first use. */
  private selfAssignmentsOf(cls: ClassScope): Map<string, { readonly value: SyntaxNode | null; readonly method: FunctionScope }[]> {
    const cached = this.selfAssignmentCache.get(cls);
    if (cached) return cached;
    const found = new Map<string, { readonly value: SyntaxNode | null; readonly method: FunctionScope }[]>();
    this.selfAssignmentCache.set(cls, found);
    for (const method of cls.methods.values()) {
      const self = [...method.parameters.keys()][0];
      if (!self) continue;
      forEachNode(method.node, (cursor) => {
        if (cursor.name !== 'AssignStatement') return !EXPRESSION_LEAVES.has(cursor.name);
        const statement = cursor.node;
        const targets = assignmentTargets(statement);
        for (const target of targets) {
          if (target.name !== 'MemberExpression') continue;
          const object = target.firstChild;
          const property = childNamed(target, 'PropertyName');
          if (object?.name !== 'VariableName' || this.textOf(object) !== self || !property) continue;
          const list = found.get(this.textOf(property)) ?? [];
          list.push({ value: targets.length === 1 ? valueOfAssignment(statement) : null, method });
          found.set(this.textOf(property), list);
        }
        return false;
      });
    }
    return found;
  }

  /** The scope of a FunctionDefinition (cached by position). */
  functionScope(node: SyntaxNode): FunctionScope | undefined {
    const cached = this.functions.get(node.from);
    if (cached && cached.node.to === node.to) {
      for (let scope: FunctionScope | undefined = cached; scope; scope = scope.parent) if (scope.ownerName !== undefined) this.record(`n:${scope.ownerName}`);
      return cached;
    }
    const nameNode = childNamed(node, 'VariableName');
    const paramList = childNamed(node, 'ParamList');
    if (!nameNode || !paramList) return undefined;
    const outer = enclosingScopes(node);
    const parentNode = outer.find((scope) => scope.name === 'FunctionDefinition');
    const ownerNode = outer[0]?.name === 'ClassDefinition' ? outer[0] : undefined;
    const ownerName = ownerNode ? this.textOf(childNamed(ownerNode, 'VariableName') ?? ownerNode) : undefined;
    const scope = new FunctionScope(
      node,
      this.textOf(nameNode),
      new Map(),
      parentNode ? this.functionScope(parentNode) : undefined,
      ownerName !== undefined ? this.classNamed(ownerName) : undefined,
      this.text,
      ownerName,
    );
    let index = 0;
    for (let child = paramList.firstChild; child; child = child.nextSibling) {
      if (child.name !== 'VariableName') continue;
      const previous = child.prevSibling?.name;
      const typeDef = child.nextSibling?.name === 'TypeDef' ? child.nextSibling : null;
      const afterType = typeDef ? typeDef.nextSibling : child.nextSibling;
      const defaultValue = afterType?.name === 'AssignOp' ? afterType.nextSibling : null;
      if (previous === '*' || previous === '**') {
        scope.parameters.set(this.textOf(child), { defaultValue: null, annotation: null, index: -1 });
        continue;
      }
      scope.parameters.set(this.textOf(child), {
        defaultValue: defaultValue && !isError(defaultValue) ? defaultValue : null,
        annotation: typeDef ? (typeDef.lastChild ?? null) : null,
        index: index++,
      });
    }
    this.functions.set(node.from, scope);
    return scope;
  }

  /** The function a node sits in, if any. */
  functionOf(node: SyntaxNode): FunctionScope | undefined {
    for (let parent = node.parent; parent; parent = parent.parent) {
      if (parent.name === 'FunctionDefinition') return this.functionScope(parent);
      if (parent.name === 'ClassDefinition') return undefined;
    }
    return undefined;
  }

  // ---- evaluation --------------------------------------------------------------------------

  /** The value of an expression in the scope of `fn` (module scope when undefined). */
  evaluate(node: SyntaxNode, fn: FunctionScope | undefined, bindings?: Bindings, depth = 0): ResolvedValue {
    const text = this.textOf(node);
    const symbolic: ResolvedValue = { source: 'symbolic', text };
    if (depth > MAX_DEPTH || isError(node)) return symbolic;
    switch (node.name) {
      case 'Number': {
        const value = parseNumber(text);
        return value === undefined ? symbolic : { value, source: 'literal', text };
      }
      case 'Boolean':
        return { value: text === 'True', source: 'literal', text };
      case 'None':
        return { value: null, source: 'literal', text };
      case 'String': {
        const value = parseString(text);
        return value === undefined ? symbolic : { value, source: 'literal', text };
      }
      case 'ParenthesizedExpression': {
        const inner = elements(node)[0];
        return inner ? { ...this.evaluate(inner, fn, bindings, depth + 1), text } : symbolic;
      }
      case 'TupleExpression':
      case 'ArrayExpression': {
        const items = elements(node).map((item) => this.evaluate(item, fn, bindings, depth + 1));
        return { value: items.map(elementValue), source: weakest(...items.map((item) => item.source)), text };
      }
      case 'UnaryExpression': {
        const operator = node.firstChild;
        const operand = node.lastChild;
        if (!operator || !operand || operator === operand) return symbolic;
        const inner = this.evaluate(operand, fn, bindings, depth + 1);
        const op = this.textOf(operator);
        if (typeof inner.value === 'number' && (op === '-' || op === '+')) return { ...inner, value: op === '-' ? -inner.value : inner.value, text };
        if (op === 'not' && typeof inner.value === 'boolean') return { ...inner, value: !inner.value, text };
        return { source: 'symbolic', text, ...(inner.via && { via: inner.via }) };
      }
      case 'BinaryExpression':
        return this.evaluateBinary(node, fn, bindings, depth);
      case 'ConditionalExpression': {
        const [whenTrue, condition, whenFalse] = elements(node).filter((part) => part.name !== 'if' && part.name !== 'else');
        if (!whenTrue || !condition || !whenFalse) return symbolic;
        const test = this.evaluate(condition, fn, bindings, depth + 1);
        if (test.value === undefined) return symbolic;
        const chosen = this.evaluate(truthy(test.value) ? whenTrue : whenFalse, fn, bindings, depth + 1);
        return { ...chosen, source: weakest(chosen.source, test.source), text };
      }
      case 'VariableName':
        return this.lookupName(text, fn, bindings, depth);
      case 'MemberExpression':
        return this.evaluateMember(node, fn, bindings, depth);
      case 'CallExpression':
        return this.evaluateCall(node, fn, bindings, depth);
      default:
        return symbolic;
    }
  }

  private evaluateBinary(node: SyntaxNode, fn: FunctionScope | undefined, bindings: Bindings | undefined, depth: number): ResolvedValue {
    const text = this.textOf(node);
    const left = node.firstChild;
    const operator = left?.nextSibling;
    const right = node.lastChild;
    if (!left || !operator || !right || right === operator) return { source: 'symbolic', text };
    const op = this.textOf(operator);
    const a = this.evaluate(left, fn, bindings, depth + 1);
    const b = this.evaluate(right, fn, bindings, depth + 1);
    const source = weakest(a.source, b.source);
    const result = binary(op, a.value, b.value);
    // Unknown, it is named by the whole expression (`dim // num_heads`), not by one operand.
    return result === undefined ? { source: 'symbolic', text } : { value: result, source, text };
  }

  /** `a.b`: a module path, `self.x`, `config.x` with a known config class, or `t.shape` of a known tensor. */
  private evaluateMember(node: SyntaxNode, fn: FunctionScope | undefined, bindings: Bindings | undefined, depth: number): ResolvedValue {
    const text = this.textOf(node);
    const symbolic: ResolvedValue = { source: 'symbolic', text, via: text };
    const object = node.firstChild;
    if (!object) return symbolic;
    const property = childNamed(node, 'PropertyName');
    if (!property) {
      // Subscript: x[i] on a known tuple or shape.
      const index = elements(node).slice(1)[0];
      if (!index) return symbolic;
      const base = this.evaluate(object, fn, bindings, depth + 1);
      const at = this.evaluate(index, fn, bindings, depth + 1);
      const list = isTensor(base.value) ? base.value.tensorShape : Array.isArray(base.value) ? base.value : undefined;
      if (!list || typeof at.value !== 'number' || !Number.isInteger(at.value)) return symbolic;
      const item = list[at.value < 0 ? list.length + at.value : at.value];
      return item === undefined ? symbolic : { value: item, source: weakest(base.source, at.source), text, ...(base.via && { via: base.via }) };
    }
    const name = this.textOf(property);
    if (object.name === 'VariableName') {
      const objectName = this.textOf(object);
      const selfClass = this.selfClass(objectName, fn, bindings);
      if (selfClass) return this.selfAttribute(selfClass, name, text, bindings, depth);
      const annotated = this.annotatedClass(objectName, fn);
      if (annotated) {
        const resolved = this.classAttribute(annotated, name, depth);
        return resolved ? { ...resolved, text, via: text } : symbolic;
      }
    }
    const base = this.evaluate(object, fn, bindings, depth + 1);
    if (isReference(base.value)) {
      if (base.value.ref.startsWith(LOCAL_CLASS)) {
        const cls = this.classNamed(base.value.ref.slice(LOCAL_CLASS.length));
        const resolved = cls && this.classAttribute(cls, name, depth);
        return resolved ? { ...resolved, text, via: text } : symbolic;
      }
      return { value: { ref: `${base.value.ref}.${name}` }, source: base.source, text };
    }
    if (name === 'shape' && isTensor(base.value)) return { value: base.value.tensorShape, source: base.source, text, ...(base.via && { via: base.via }) };
    return symbolic;
  }

  /** The class whose instance `name` is: `self` in a method. */
  private selfClass(name: string, fn: FunctionScope | undefined, bindings: Bindings | undefined): ClassScope | undefined {
    if (!fn?.owner) return undefined;
    const first = [...fn.parameters.keys()][0];
    if (first !== name) return undefined;
    return bindings && bindings.cls === fn.owner ? bindings.cls : fn.owner;
  }

  /** A parameter annotated with a class of the file, `config: GPTConfig`. */
  private annotatedClass(name: string, fn: FunctionScope | undefined): ClassScope | undefined {
    for (let scope = fn; scope; scope = scope.parent) {
      const parameter = scope.parameters.get(name);
      if (!parameter) continue;
      if (parameter.annotation?.name !== 'VariableName') return undefined;
      return this.classNamed(this.textOf(parameter.annotation));
    }
    return undefined;
  }

  private classAttribute(cls: ClassScope, name: string, depth: number): ResolvedValue | undefined {
    const value = cls.attributes.get(name);
    if (!value) return undefined;
    const resolved = this.evaluate(value, undefined, undefined, depth + 1);
    if (resolved.value === undefined) return undefined;
    return { ...resolved, source: weakest(resolved.source, 'classAttribute'), via: `${cls.name}.${name}` };
  }

  private selfAttribute(cls: ClassScope, name: string, text: string, bindings: Bindings | undefined, depth: number): ResolvedValue {
    const symbolic: ResolvedValue = { source: 'symbolic', text, via: text };
    const assigned = this.selfAssignmentsOf(cls).get(name) ?? [];
    if (assigned.length === 1 && assigned[0].value) {
      const key = `self:${cls.name}.${name}`;
      if (this.active.has(key)) return symbolic;
      this.active.add(key);
      try {
        const resolved = this.evaluate(assigned[0].value, assigned[0].method, bindings, depth + 1);
        // Bound to a construction's arguments, `self.x = ndim` is as certain as the argument.
        const source = bindings?.cls === cls ? resolved.source : weakest(resolved.source, 'instanceAttribute');
        return { ...resolved, source, text, via: resolved.via ?? text };
      } finally {
        this.active.delete(key);
      }
    }
    if (assigned.length === 0) return this.classAttribute(cls, name, depth) ?? symbolic;
    return symbolic;
  }

  private lookupName(name: string, fn: FunctionScope | undefined, bindings: Bindings | undefined, depth: number): ResolvedValue {
    const symbolic: ResolvedValue = { source: 'symbolic', text: name, via: name };
    for (let scope = fn; scope; scope = scope.parent) {
      const parameter = scope.parameters.get(name);
      const assigned = scope.assignments.get(name);
      if (!parameter && !assigned) continue;
      if (bindings && scope.owner === bindings.cls && scope.name === '__init__' && parameter && !assigned) {
        const bound = bindings.names.get(name);
        if (bound) return bound;
      }
      const candidates: { node: SyntaxNode | null; fromDefault: boolean }[] = (assigned ?? []).map((value) => ({ node: value, fromDefault: false }));
      if (parameter) {
        if (candidates.length === 0 && parameter.defaultValue === null) return symbolic;
        // `norm_layer=None` then `if norm_layer is None: norm_layer = nn.BatchNorm2d`: the None is replaced.
        const defaultIsNone = parameter.defaultValue?.name === 'None';
        if (!(defaultIsNone && candidates.length > 0)) candidates.push({ node: parameter.defaultValue, fromDefault: true });
      }
      const resolved = this.agree(candidates, name, scope, bindings, depth, parameter !== undefined);
      return parameter || resolved.value === undefined ? resolved : { ...resolved, source: weakest(resolved.source, 'constant') };
    }
    // One recorded question for all three: the signature of `n:<name>` covers them.
    const assigned = this.moduleAssignmentsOf(name);
    if (!assigned) {
      if (this.classes.has(name)) return { value: { ref: `${LOCAL_CLASS}${name}` }, source: 'literal', text: name };
      const imported = this.imports.get(name);
      return imported === undefined ? symbolic : { value: { ref: imported }, source: 'literal', text: name };
    }
    // Also imported or defined as a class (a try/except fallback): which one wins is not known statically.
    if (this.classes.has(name) || this.imports.has(name)) return symbolic;
    const resolved = this.agree(
      assigned.map((value) => ({ node: value, fromDefault: false })),
      name,
      undefined,
      bindings,
      depth,
      false,
    );
    if (resolved.value === undefined) return resolved;
    return { ...resolved, source: weakest(resolved.source, 'constant'), via: name };
  }

  /** One value when every binding of a name agrees; otherwise symbolic. */
  private agree(
    candidates: { node: SyntaxNode | null; fromDefault: boolean }[],
    name: string,
    scope: FunctionScope | undefined,
    bindings: Bindings | undefined,
    depth: number,
    isParameter: boolean,
  ): ResolvedValue {
    const symbolic: ResolvedValue = { source: 'symbolic', text: name, via: name };
    const key = `${scope?.node.from ?? 'module'}:${name}`;
    if (this.active.has(key) || candidates.some((candidate) => candidate.node === null)) return symbolic;
    this.active.add(key);
    try {
      const values = candidates.map((candidate) => {
        const resolved = this.evaluate(candidate.node as SyntaxNode, scope, bindings, depth + 1);
        return isParameter ? { ...resolved, source: weakest(resolved.source, 'parameterDefault') } : resolved;
      });
      const first = values[0];
      if (!first || first.value === undefined) return { ...symbolic, ...(first?.via && { via: first.via }) };
      const same = values.every((value) => value.value !== undefined && sameValue(value.value, first.value as PyValue));
      if (!same) return symbolic;
      return { value: first.value, source: weakest(...values.map((value) => value.source)), text: name, via: name };
    } finally {
      this.active.delete(key);
    }
  }

  /** Calls whose value is known: torch.ones/zeros/empty/randn/rand(shape), nn.Parameter(t), int(x), tuple(x), list(x). */
  private evaluateCall(node: SyntaxNode, fn: FunctionScope | undefined, bindings: Bindings | undefined, depth: number): ResolvedValue {
    const text = this.textOf(node);
    const symbolic: ResolvedValue = { source: 'symbolic', text };
    const callee = node.firstChild;
    const argList = childNamed(node, 'ArgList');
    if (!callee || !argList) return symbolic;
    const target = this.evaluate(callee, fn, bindings, depth + 1);
    const args = callArguments(argList, this.text);
    if (args.some((arg) => arg.splat)) return symbolic;
    if (isReference(target.value)) {
      const ref = target.value.ref;
      const positional = () => args.filter((arg) => !arg.keyword).map((arg) => this.evaluate(arg.value, fn, bindings, depth + 1));
      if (['torch.ones', 'torch.zeros', 'torch.empty', 'torch.randn', 'torch.rand', 'torch.full'].includes(ref)) {
        const sizes = ref === 'torch.full' ? positional().slice(0, 1) : positional();
        if (sizes.length === 0) return symbolic;
        const shape = sizes.length === 1 && Array.isArray(sizes[0].value) ? (sizes[0].value as PyValue[]) : sizes.map(elementValue);
        const via = sizes.find((size) => size.via)?.via;
        return { value: { tensorShape: shape }, source: weakest(...sizes.map((size) => size.source)), text, ...(via && { via }) };
      }
      if (ref === 'functools.partial') {
        const [first, ...rest] = args;
        if (!first || first.keyword) return symbolic;
        const inner = this.evaluate(first.value, fn, bindings, depth + 1);
        if (!isReference(inner.value)) return symbolic;
        const earlier = (inner.value.partial as PartialArguments | undefined)?.args ?? [];
        const partial: PartialArguments = { args: [...earlier, ...rest.map((arg) => ({ arg, fn, bindings }))] };
        return { value: { ref: inner.value.ref, partial }, source: inner.source, text, via: inner.via ?? text };
      }
      if (ref === 'torch.nn.Parameter' || ref === 'torch.nn.parameter.Parameter') {
        const [tensor] = positional();
        return tensor ? { ...tensor, text } : symbolic;
      }
      return symbolic;
    }
    const builtin = this.textOf(callee);
    if (callee.name === 'VariableName' && args.length === 1 && !args[0].keyword && (builtin === 'int' || builtin === 'tuple' || builtin === 'list')) {
      const argument = this.evaluate(args[0].value, fn, bindings, depth + 1);
      if (builtin === 'int' && typeof argument.value === 'number') return { ...argument, value: Math.trunc(argument.value), text };
      if ((builtin === 'tuple' || builtin === 'list') && Array.isArray(argument.value)) return { ...argument, text };
    }
    return symbolic;
  }
}

/** A tuple element: its value, or a named placeholder when unknown. */
function elementValue(item: ResolvedValue): PyValue {
  return item.value === undefined ? { symbol: item.via ?? item.text } : item.value;
}

export const isSymbolicElement = (value: PyValue | undefined): value is SymbolicElement =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'symbol' in value;

export function truthy(value: PyValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) return true;
  return Boolean(value);
}

function sameValue(a: PyValue, b: PyValue): boolean {
  if (isReference(a) || isReference(b)) return isReference(a) && isReference(b) && a.ref === b.ref && a.partial === b.partial;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (isTensor(a) || isTensor(b)) return isTensor(a) && isTensor(b) && sameValue(a.tensorShape, b.tensorShape);
  if (isSymbolicElement(a) || isSymbolicElement(b)) return false;
  return a === b;
}

function binary(op: string, a: PyValue | undefined, b: PyValue | undefined): PyValue | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return b === 0 ? undefined : a / b;
      case '//':
        return b === 0 ? undefined : Math.floor(a / b);
      case '%':
        return b === 0 ? undefined : ((a % b) + b) % b;
      case '**':
        return a ** b;
      case '==':
        return a === b;
      case '!=':
        return a !== b;
      default:
        return undefined;
    }
  }
  if (Array.isArray(a) && Array.isArray(b) && op === '+') return [...a, ...b];
  if (op === 'is' || op === '==') if (a !== undefined && b !== undefined && (a === null || b === null || typeof a !== 'object')) return sameValue(a, b);
  if (op === 'and' && a !== undefined && b !== undefined) return truthy(a) ? b : a;
  if (op === 'or' && a !== undefined && b !== undefined) return truthy(a) ? a : b;
  return undefined;
}

/** The value node of `x = value` / `x: T = value` (the last thing after the last `=`). */
function valueOfAssignment(statement: SyntaxNode): SyntaxNode | null {
  const parts = children(statement);
  const lastAssign = parts.map((part) => part.name).lastIndexOf('AssignOp');
  if (lastAssign < 0) return null;
  const rest = parts.slice(lastAssign + 1);
  // `x = 1, 2` has the tuple's items as siblings: not followed.
  return rest.length === 1 && !isError(rest[0]) ? rest[0] : null;
}

/** The targets before the first `=` (several for `a, b = …`). */
function assignmentTargets(statement: SyntaxNode): SyntaxNode[] {
  const targets: SyntaxNode[] = [];
  for (let child = statement.firstChild; child && child.name !== 'AssignOp'; child = child.nextSibling) {
    if (child.name !== ',' && child.name !== 'TypeDef') targets.push(child);
  }
  return targets;
}

/** Every binding of a plain name in `root`, not descending into nested functions, classes or lambdas. */
function collectAssignments(root: SyntaxNode, into: Map<string, (SyntaxNode | null)[]>, text: string): void {
  const add = (nameNode: SyntaxNode, value: SyntaxNode | null) => {
    const name = text.slice(nameNode.from, nameNode.to);
    const list = into.get(name) ?? [];
    list.push(value);
    into.set(name, list);
  };
  forEachNode(root, (cursor) => {
    const kind = cursor.name;
    if (cursor.from === root.from && cursor.to === root.to && kind === root.name) return true;
    switch (kind) {
      case 'AssignStatement': {
        const node = cursor.node;
        const targets = assignmentTargets(node);
        const value = targets.length === 1 ? valueOfAssignment(node) : null;
        for (const target of targets) if (target.name === 'VariableName') add(target, value);
        return false;
      }
      case 'UpdateStatement': {
        const target = cursor.node.firstChild;
        if (target?.name === 'VariableName') add(target, null);
        return false;
      }
      case 'ForStatement':
      case 'WithStatement': {
        // Loop variables and `as` targets: bound to something the analyzer does not follow.
        for (let child = cursor.node.firstChild; child && child.name !== 'Body'; child = child.nextSibling) {
          if (child.name === 'VariableName' && (child.prevSibling?.name === 'for' || child.prevSibling?.name === 'as' || child.prevSibling?.name === ',')) add(child, null);
        }
        return true;
      }
      case 'FunctionDefinition': {
        const name = childNamed(cursor.node, 'VariableName');
        if (name) add(name, null);
        return false;
      }
      case 'ClassDefinition':
      case 'ImportStatement':
        // Classes are looked up in `Resolver.classes`, imports in `Resolver.imports`.
        return false;
      default:
        return !EXPRESSION_LEAVES.has(kind);
    }
  });
}

function enclosingScopes(node: SyntaxNode): SyntaxNode[] {
  const scopes: SyntaxNode[] = [];
  for (let parent = node.parent; parent; parent = parent.parent) if (parent.name === 'FunctionDefinition' || parent.name === 'ClassDefinition') scopes.push(parent);
  return scopes;
}
