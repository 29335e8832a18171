/*
 * PostgreSQL's SQL grammar for ANTLR 4, after src/backend/parser/gram.y (PostgreSQL 15), written for this project.
 * Rule names follow gram.y's in lowerCamelCase where a rule has a counterpart there (a_expr is aExpr, c_expr is
 * cExpr, ColId is colId, ...).
 *
 * Covered: SELECT (WITH [RECURSIVE], DISTINCT [ON], joins, set operations, GROUP BY with grouping sets,
 * HAVING, WINDOW, ORDER BY, LIMIT/OFFSET/FETCH, FOR UPDATE/SHARE, VALUES, TABLE), INSERT, UPDATE, DELETE, the
 * full expression grammar, and the utility statements applications send: the common DDL (CREATE/ALTER/DROP TABLE,
 * CREATE TABLE AS, CREATE/DROP SCHEMA, CREATE/DROP INDEX, CREATE/DROP VIEW, CREATE/ALTER/DROP SEQUENCE,
 * TRUNCATE, LOCK, COMMENT ON, GRANT/REVOKE on tables, sequences, schemas, databases and types), COPY (generic
 * and legacy options), SET/RESET/SHOW with their special forms, transaction control, PREPARE/EXECUTE/DEALLOCATE,
 * DECLARE/FETCH/MOVE/CLOSE, LISTEN/UNLISTEN/NOTIFY, EXPLAIN, VACUUM/ANALYZE, DISCARD, CALL and DO. Other statements
 * are not parsed by this grammar; SqlParser still splits and classifies them, and keeps a DDL statement this
 * grammar rejects as text (see io.pgserve.sql.SqlParser).
 *
 * Operator precedence (gram.y's precedence declarations, lowest first):
 *     OR; AND; NOT (right); IS ISNULL NOTNULL; < > = <= >= <>; BETWEEN IN LIKE ILIKE SIMILAR; ESCAPE;
 *     Op and OPERATOR(...) (left); + - (left); * / % (left); ^ (left); AT (TIME ZONE); COLLATE; unary minus;
 *     [ ] subscripts; TYPECAST ::; . (field selection).
 * In an ANTLR left-recursive rule the alternative listed first binds tightest, so aExpr lists them the other way
 * round. Differences from gram.y, all in what is accepted, none in the tree of a valid statement:
 *  - PostgreSQL's non-associative operators (comparison, LIKE, BETWEEN, IS) are left-associative here, so
 *    "a < b < c" parses (PostgreSQL rejects it);
 *  - ESCAPE is parsed as a binary operator just above LIKE (as in gram.y's precedence table) and the AST builder
 *    accepts it only as the pattern of LIKE, ILIKE and SIMILAR TO (this keeps the pattern operand at the right
 *    precedence without a ternary left-recursive alternative);
 *  - "(t)" in FROM is accepted for any table reference, not only a join.
 *
 * PostgreSQL's lexer-level lookahead tokens (NOT_LA, NULLS_LA, WITH_LA) are not needed: ANTLR's adaptive
 * prediction looks ahead as far as it must.
 *
 * Keywords as names: the four keyword categories (see PostgreSqlKeywords) give the name rules colId (column and
 * table names), typeFunctionName (type and function names), nonReservedWord, colLabel (after AS and after a dot)
 * and bareColLabel (a column alias without AS). The keyword lists at the end are generated from
 * PostgreSqlKeywords and are not labelled.
 *
 * Performance: the parser is run with SLL prediction first and LL only when SLL fails (SqlParser); alternatives
 * are factored so that no decision needs to look past a whole parenthesized expression where a token further
 * left decides.
 */
parser grammar PostgreSqlParser;

options {
    tokenVocab = PostgreSqlLexer;
}

// ---------------------------------------------------------------------------------------------------------
// Entry points

/** One statement, without its terminating semicolon (SqlSplitter has split the string). */
singleStatement
    : statement EOF
    ;

/** Statements separated by semicolons (empty statements allowed). */
statementList
    : statement? (SEMI statement?)* EOF
    ;

statement
    : withClause? statementBody
    ;

statementBody
    : selectNoWith          #selectStatement
    | insertStmt            #insertStatement
    | updateStmt            #updateStatement
    | deleteStmt            #deleteStatement
    | createTableStmt       #createTableStatement
    | createTableAsStmt     #createTableAsStatement
    | alterTableStmt        #alterTableStatement
    | dropStmt              #dropStatement
    | createSchemaStmt      #createSchemaStatement
    | createIndexStmt       #createIndexStatement
    | createViewStmt        #createViewStatement
    | createSeqStmt         #createSequenceStatement
    | alterSeqStmt          #alterSequenceStatement
    | createEnumStmt        #createEnumStatement
    | alterEnumStmt         #alterEnumStatement
    | truncateStmt          #truncateStatement
    | copyStmt              #copyStatement
    | variableSetStmt       #setStatement
    | variableResetStmt     #resetStatement
    | variableShowStmt      #showStatement
    | transactionStmt       #transactionStatement
    | prepareStmt           #prepareStatement
    | executeStmt           #executeStatement
    | deallocateStmt        #deallocateStatement
    | declareCursorStmt     #declareStatement
    | fetchStmt             #fetchStatement
    | closeStmt             #closeStatement
    | listenStmt            #listenStatement
    | unlistenStmt          #unlistenStatement
    | notifyStmt            #notifyStatement
    | explainStmt           #explainStatement
    | discardStmt           #discardStatement
    | vacuumStmt            #vacuumStatement
    | analyzeStmt           #analyzeStatement
    | grantStmt             #grantStatement
    | revokeStmt            #revokeStatement
    | callStmt              #callStatement
    | doStmt                #doStatement
    | commentStmt           #commentStatement
    | lockStmt              #lockStatement
    ;

// ---------------------------------------------------------------------------------------------------------
// SELECT

query
    : withClause? selectNoWith
    ;

parenQuery
    : OPEN_PAREN query CLOSE_PAREN
    ;

selectNoWith
    : queryTerm sortClause? (forLockingClause selectLimit? | selectLimit forLockingClause?)?
    ;

queryTerm
    : queryPrimary                                                    #primaryTerm
    | left=queryTerm INTERSECT setQuantifier? right=queryTerm         #intersectTerm
    | left=queryTerm op=(UNION | EXCEPT) setQuantifier? right=queryTerm #unionTerm
    ;

setQuantifier
    : ALL                   #setAll
    | DISTINCT              #setDistinct
    ;

queryPrimary
    : SELECT (distinctClause targetList | ALL? targetList?)
      fromClause? whereClause? groupClause? havingClause? windowClause?  #selectPrimary
    | VALUES valuesRow (COMMA valuesRow)*                                 #valuesPrimary
    | TABLE relationExpr                                                  #tablePrimary
    | parenQuery                                                          #parenPrimary
    ;

valuesRow
    : OPEN_PAREN exprList CLOSE_PAREN
    ;

distinctClause
    : DISTINCT (ON OPEN_PAREN exprList CLOSE_PAREN)?
    ;

targetList
    : targetElement (COMMA targetElement)*
    ;

targetElement
    : aExpr AS colLabel     #aliasedTarget
    | aExpr bareColLabel    #bareAliasedTarget
    | aExpr                 #plainTarget
    | STAR                  #starTarget
    ;

withClause
    : WITH RECURSIVE? commonTableExpr (COMMA commonTableExpr)*
    ;

commonTableExpr
    : colId (OPEN_PAREN nameList CLOSE_PAREN)? AS (NOT? MATERIALIZED)? OPEN_PAREN statement CLOSE_PAREN
    ;

fromClause
    : FROM fromList
    ;

fromList
    : tableRef (COMMA tableRef)*
    ;

// Joins: CROSS and NATURAL joins are left-associative; a qualified join's right side may itself be a join that
// needs its own ON/USING first ("a JOIN b JOIN c ON x ON y"), as in gram.y.
tableRef
    : relationExpr aliasClause?                                              #relationRef
    | LATERAL_P? funcTable aliasClause?                                      #functionRef
    | LATERAL_P? parenQuery aliasClause?                                     #subqueryRef
    | OPEN_PAREN tableRef CLOSE_PAREN aliasClause?                           #parenRef
    | left=tableRef CROSS JOIN right=tableRef                                #crossJoin
    | left=tableRef NATURAL joinType? JOIN right=tableRef                    #naturalJoin
    | <assoc=right> left=tableRef joinType? JOIN right=tableRef joinQual     #qualifiedJoin
    ;

joinType
    : FULL OUTER_P?         #fullJoin
    | LEFT OUTER_P?         #leftJoin
    | RIGHT OUTER_P?        #rightJoin
    | INNER_P               #innerJoin
    ;

joinQual
    : USING OPEN_PAREN nameList CLOSE_PAREN (AS colId)?   #usingQual
    | ON aExpr                                            #onQual
    ;

relationExpr
    : qualifiedName STAR?                                 #inheritRelation
    | ONLY qualifiedName                                  #onlyRelation
    | ONLY OPEN_PAREN qualifiedName CLOSE_PAREN           #onlyParenRelation
    ;

aliasClause
    : AS? colId (OPEN_PAREN nameList CLOSE_PAREN)?
    ;

funcTable
    : funcExprWindowless (WITH ORDINALITY)?
    ;

whereClause
    : WHERE aExpr
    ;

groupClause
    : GROUP_P BY setQuantifier? groupByItem (COMMA groupByItem)*
    ;

groupByItem
    : OPEN_PAREN CLOSE_PAREN                                                #emptyGroupingSet
    | CUBE OPEN_PAREN exprList CLOSE_PAREN                                  #cubeGroupingSet
    | ROLLUP OPEN_PAREN exprList CLOSE_PAREN                                #rollupGroupingSet
    | GROUPING SETS OPEN_PAREN groupByItem (COMMA groupByItem)* CLOSE_PAREN #groupingSets
    | aExpr                                                                 #groupByExpr
    ;

havingClause
    : HAVING aExpr
    ;

windowClause
    : WINDOW windowDefinition (COMMA windowDefinition)*
    ;

windowDefinition
    : colId AS windowSpecification
    ;

windowSpecification
    : OPEN_PAREN colId? (PARTITION BY exprList)? sortClause? frameClause? CLOSE_PAREN
    ;

frameClause
    : frameMode=(RANGE | ROWS | GROUPS) (frameStart=frameBound | BETWEEN frameStart=frameBound AND frameEnd=frameBound) frameExclusion?
    ;

frameBound
    : UNBOUNDED PRECEDING   #unboundedPreceding
    | UNBOUNDED FOLLOWING   #unboundedFollowing
    | CURRENT_P ROW         #currentRow
    | aExpr PRECEDING       #offsetPreceding
    | aExpr FOLLOWING       #offsetFollowing
    ;

frameExclusion
    : EXCLUDE CURRENT_P ROW #excludeCurrentRow
    | EXCLUDE GROUP_P       #excludeGroup
    | EXCLUDE TIES          #excludeTies
    | EXCLUDE NO OTHERS     #excludeNoOthers
    ;

sortClause
    : ORDER BY sortBy (COMMA sortBy)*
    ;

sortBy
    : aExpr (ASC | DESC | USING qualAllOp)? (NULLS_P (FIRST_P | LAST_P))?
    ;

selectLimit
    : limitClause offsetClause?     #limitOffset
    | offsetClause limitClause?     #offsetLimit
    ;

limitClause
    : LIMIT ALL                                                                  #limitAll
    | LIMIT aExpr                                                                #limitCount
    | FETCH (FIRST_P | NEXT) fetchFirstValue? (ROW | ROWS) (ONLY | WITH TIES)    #fetchFirst
    ;

fetchFirstValue
    : cExpr                                 #fetchExpr
    | sign=(PLUS | MINUS) (ICONST | FCONST) #fetchSigned
    ;

offsetClause
    : OFFSET aExpr (ROW | ROWS)?
    ;

forLockingClause
    : forLockingItem+       #lockingItems
    | FOR READ ONLY         #readOnly
    ;

forLockingItem
    : FOR lockStrength (OF qualifiedName (COMMA qualifiedName)*)? (NOWAIT | SKIP LOCKED)?
    ;

lockStrength
    : UPDATE                #forUpdate
    | NO KEY UPDATE         #forNoKeyUpdate
    | SHARE                 #forShare
    | KEY SHARE             #forKeyShare
    ;

// ---------------------------------------------------------------------------------------------------------
// INSERT, UPDATE, DELETE

insertStmt
    : INSERT INTO qualifiedName (AS colId)? insertRest onConflict? returningClause?
    ;

insertRest
    : (OPEN_PAREN setTarget (COMMA setTarget)* CLOSE_PAREN)? (OVERRIDING override=(USER | SYSTEM_P) VALUE_P)? query  #insertQuery
    | DEFAULT VALUES                                                                                                  #insertDefaultValues
    ;

onConflict
    : ON CONFLICT conflictTarget? DO NOTHING                                 #conflictDoNothing
    | ON CONFLICT conflictTarget? DO UPDATE SET setClauseList whereClause?   #conflictDoUpdate
    ;

conflictTarget
    : OPEN_PAREN indexElement (COMMA indexElement)* CLOSE_PAREN whereClause?  #conflictColumns
    | ON CONSTRAINT colId                                                     #conflictConstraint
    ;

indexElement
    : (colId | funcExprWindowless | OPEN_PAREN aExpr CLOSE_PAREN) (COLLATE anyName)?
    ;

updateStmt
    : UPDATE relationExpr (AS? colId)? SET setClauseList fromClause? whereOrCurrentClause? returningClause?
    ;

setClauseList
    : setClause (COMMA setClause)*
    ;

setClause
    : setTarget EQUAL aExpr                                                   #singleSet
    | OPEN_PAREN setTarget (COMMA setTarget)* CLOSE_PAREN EQUAL aExpr         #multipleSet
    ;

setTarget
    : colId indirectionStep*
    ;

deleteStmt
    : DELETE_P FROM relationExpr (AS? colId)? (USING fromList)? whereOrCurrentClause? returningClause?
    ;

whereOrCurrentClause
    : WHERE CURRENT_P OF colId  #whereCurrentOf
    | WHERE aExpr               #whereCondition
    ;

returningClause
    : RETURNING targetList
    ;

// ---------------------------------------------------------------------------------------------------------
// Tables, schemas, indexes, views, sequences (a subset of gram.y's DDL: what applications and ORMs send)

createTableStmt
    : CREATE optTemp? TABLE (IF_P NOT EXISTS)? qualifiedName
      OPEN_PAREN (tableElement (COMMA tableElement)*)? CLOSE_PAREN
      (INHERITS OPEN_PAREN qualifiedName (COMMA qualifiedName)* CLOSE_PAREN)? optWith? onCommit? (TABLESPACE colId)?
    ;

createTableAsStmt
    : CREATE optTemp? TABLE (IF_P NOT EXISTS)? qualifiedName (OPEN_PAREN nameList CLOSE_PAREN)? optWith? onCommit?
      (TABLESPACE colId)? AS query (WITH NO? DATA_P)?
    ;

optTemp
    : TEMPORARY | TEMP | (LOCAL | GLOBAL) (TEMPORARY | TEMP) | UNLOGGED
    ;

optWith
    : WITH relOptions       #withOptions
    | WITHOUT OIDS          #withoutOids
    ;

onCommit
    : ON COMMIT (DROP | DELETE_P ROWS | PRESERVE ROWS)
    ;

relOptions
    : OPEN_PAREN relOption (COMMA relOption)* CLOSE_PAREN
    ;

relOption
    : colLabel (DOT colLabel)? (EQUAL defArg)?
    ;

defArg
    : booleanOrString | numericOnly
    ;

tableElement
    : tableConstraint                               #constraintElement
    | columnDef                                     #columnElement
    | LIKE qualifiedName ((INCLUDING | EXCLUDING) colId)*  #likeElement
    ;

columnDef
    : colId typename (COLLATE anyName)? columnConstraint*
    ;

columnConstraint
    : (CONSTRAINT colId)? columnConstraintElem constraintAttr*
    ;

columnConstraintElem
    : NOT NULL_P                                                                  #notNullConstraint
    | NULL_P                                                                      #nullConstraint
    | UNIQUE (NULLS_P NOT? DISTINCT)? (WITH relOptions)?                          #uniqueColumnConstraint
    | PRIMARY KEY (WITH relOptions)?                                              #primaryKeyColumnConstraint
    | CHECK OPEN_PAREN aExpr CLOSE_PAREN (NO INHERIT)?                            #checkConstraint
    | DEFAULT bExpr                                                               #defaultConstraint
    | GENERATED generatedWhen AS IDENTITY_P (OPEN_PAREN seqOptElem+ CLOSE_PAREN)? #identityConstraint
    | GENERATED generatedWhen AS OPEN_PAREN aExpr CLOSE_PAREN STORED              #generatedConstraint
    | REFERENCES qualifiedName (OPEN_PAREN nameList CLOSE_PAREN)? keyMatch? keyActions  #referencesConstraint
    ;

generatedWhen
    : ALWAYS                #generatedAlways
    | BY DEFAULT            #generatedByDefault
    ;

constraintAttr
    : NOT? DEFERRABLE                   #deferrableAttr
    | INITIALLY (DEFERRED | IMMEDIATE)  #initiallyAttr
    | NOT VALID                         #notValidAttr
    ;

tableConstraint
    : (CONSTRAINT colId)? tableConstraintElem constraintAttr*
    ;

tableConstraintElem
    : CHECK OPEN_PAREN aExpr CLOSE_PAREN (NO INHERIT)?                                           #checkTableConstraint
    | UNIQUE (NULLS_P NOT? DISTINCT)? OPEN_PAREN nameList CLOSE_PAREN indexTail                 #uniqueTableConstraint
    | PRIMARY KEY OPEN_PAREN nameList CLOSE_PAREN indexTail                                     #primaryKeyTableConstraint
    | FOREIGN KEY OPEN_PAREN nameList CLOSE_PAREN REFERENCES qualifiedName
      (OPEN_PAREN nameList CLOSE_PAREN)? keyMatch? keyActions                                   #foreignKeyTableConstraint
    ;

indexTail
    : (INCLUDE OPEN_PAREN nameList CLOSE_PAREN)? (WITH relOptions)? (USING INDEX TABLESPACE colId)?
    ;

keyMatch
    : MATCH (FULL | PARTIAL | SIMPLE)
    ;

keyActions
    : (ON (UPDATE | DELETE_P) keyAction)*
    ;

keyAction
    : NO ACTION             #noAction
    | RESTRICT              #restrictAction
    | CASCADE               #cascadeAction
    | SET NULL_P            #setNullAction
    | SET DEFAULT           #setDefaultAction
    ;

alterTableStmt
    : ALTER TABLE (IF_P EXISTS)? relationExpr alterTableCmd (COMMA alterTableCmd)*
    ;

alterTableCmd
    : ADD_P COLUMN? (IF_P NOT EXISTS)? columnDef                                          #addColumnCmd
    | ADD_P tableConstraint                                                                #addConstraintCmd
    | DROP COLUMN? (IF_P EXISTS)? colId dropBehavior?                                      #dropColumnCmd
    | DROP CONSTRAINT (IF_P EXISTS)? colId dropBehavior?                                   #dropConstraintCmd
    | ALTER COLUMN? colId SET DEFAULT aExpr                                                #setDefaultCmd
    | ALTER COLUMN? colId DROP DEFAULT                                                     #dropDefaultCmd
    | ALTER COLUMN? colId SET NOT NULL_P                                                   #setNotNullCmd
    | ALTER COLUMN? colId DROP NOT NULL_P                                                  #dropNotNullCmd
    | ALTER COLUMN? colId (SET DATA_P)? TYPE_P typename (COLLATE anyName)? (USING aExpr)?  #alterTypeCmd
    | OWNER TO roleSpec                                                                    #ownerToCmd
    | RENAME COLUMN? colId TO colId                                                        #renameColumnCmd
    | RENAME CONSTRAINT colId TO colId                                                     #renameConstraintCmd
    | RENAME TO colId                                                                      #renameTableCmd
    | SET SCHEMA colId                                                                     #setSchemaCmd
    ;

dropBehavior
    : CASCADE | RESTRICT
    ;

dropStmt
    : DROP dropObjectType CONCURRENTLY? (IF_P EXISTS)? anyName (COMMA anyName)* dropBehavior?
    ;

dropObjectType
    : TABLE | SEQUENCE | VIEW | MATERIALIZED VIEW | INDEX | SCHEMA | TYPE_P | DOMAIN_P | EXTENSION
    ;

createSchemaStmt
    : CREATE SCHEMA (IF_P NOT EXISTS)? (colId (AUTHORIZATION roleSpec)? | AUTHORIZATION roleSpec)
    ;

createIndexStmt
    : CREATE UNIQUE? INDEX CONCURRENTLY? ((IF_P NOT EXISTS)? colId)? ON relationExpr (USING colId)?
      OPEN_PAREN indexParam (COMMA indexParam)* CLOSE_PAREN (INCLUDE OPEN_PAREN nameList CLOSE_PAREN)?
      (NULLS_P NOT? DISTINCT)? (WITH relOptions)? (TABLESPACE colId)? whereClause?
    ;

indexParam
    : indexElement anyName? (ASC | DESC)? (NULLS_P (FIRST_P | LAST_P))?
    ;

createViewStmt
    : CREATE (OR REPLACE)? optTemp? RECURSIVE? VIEW qualifiedName (OPEN_PAREN nameList CLOSE_PAREN)?
      (WITH relOptions)? AS query (WITH (CASCADED | LOCAL)? CHECK OPTION)?
    ;

createSeqStmt
    : CREATE optTemp? SEQUENCE (IF_P NOT EXISTS)? qualifiedName seqOptElem*
    ;

alterSeqStmt
    : ALTER SEQUENCE (IF_P EXISTS)? qualifiedName seqOptElem+
    ;

createEnumStmt
    : CREATE TYPE_P anyName AS ENUM_P OPEN_PAREN (sconst (COMMA sconst)*)? CLOSE_PAREN
    ;

alterEnumStmt
    : ALTER TYPE_P anyName ADD_P VALUE_P (IF_P NOT EXISTS)? sconst ((BEFORE | AFTER) sconst)?    #alterEnumAddValue
    | ALTER TYPE_P anyName RENAME VALUE_P sconst TO sconst                                      #alterEnumRenameValue
    ;

seqOptElem
    : AS simpleTypename                 #seqAs
    | CACHE numericOnly                 #seqCache
    | NO? CYCLE                         #seqCycle
    | INCREMENT BY? numericOnly         #seqIncrement
    | MAXVALUE numericOnly              #seqMaxValue
    | NO MAXVALUE                       #seqNoMaxValue
    | MINVALUE numericOnly              #seqMinValue
    | NO MINVALUE                       #seqNoMinValue
    | OWNED BY anyName                  #seqOwnedBy
    | SEQUENCE NAME_P anyName           #seqName
    | START WITH? numericOnly           #seqStart
    | RESTART (WITH? numericOnly)?      #seqRestart
    ;

numericOnly
    : (PLUS | MINUS)? (ICONST | FCONST)
    ;

truncateStmt
    : TRUNCATE TABLE? relationExpr (COMMA relationExpr)* ((RESTART | CONTINUE_P) IDENTITY_P)? dropBehavior?
    ;

lockStmt
    : LOCK_P TABLE? relationExpr (COMMA relationExpr)* (IN_P lockMode MODE)? NOWAIT?
    ;

lockMode
    : ACCESS SHARE | ROW SHARE | ROW EXCLUSIVE | SHARE UPDATE EXCLUSIVE | SHARE | SHARE ROW EXCLUSIVE | EXCLUSIVE
    | ACCESS EXCLUSIVE
    ;

commentStmt
    : COMMENT ON commentObjectType anyName IS (sconst | NULL_P)
    ;

commentObjectType
    : TABLE | COLUMN | VIEW | MATERIALIZED VIEW | INDEX | SEQUENCE | SCHEMA | TYPE_P | DOMAIN_P | DATABASE
    | EXTENSION | ROLE
    ;

// ---------------------------------------------------------------------------------------------------------
// COPY

copyStmt
    : COPY BINARY? qualifiedName (OPEN_PAREN nameList CLOSE_PAREN)? dir=(FROM | TO) PROGRAM? copyTarget
      (USING? DELIMITERS sconst)? WITH? copyOptions whereClause?                                 #copyTable
    | COPY OPEN_PAREN statement CLOSE_PAREN TO PROGRAM? copyTarget WITH? copyOptions             #copyQuery
    ;

copyTarget
    : sconst | STDIN | STDOUT
    ;

copyOptions
    : OPEN_PAREN copyGenericOption (COMMA copyGenericOption)* CLOSE_PAREN  #copyGenericOptions
    | copyLegacyOption*                                                    #copyLegacyOptions
    ;

copyLegacyOption
    : BINARY                                                   #copyBinary
    | FREEZE                                                   #copyFreeze
    | DELIMITER AS? sconst                                     #copyDelimiter
    | NULL_P AS? sconst                                        #copyNull
    | CSV                                                      #copyCsv
    | HEADER_P                                                 #copyHeader
    | QUOTE AS? sconst                                         #copyQuote
    | ESCAPE AS? sconst                                        #copyEscape
    | FORCE QUOTE (nameList | STAR)                            #copyForceQuote
    | FORCE NOT NULL_P nameList                                #copyForceNotNull
    | FORCE NULL_P nameList                                    #copyForceNull
    | ENCODING sconst                                          #copyEncoding
    ;

copyGenericOption
    : colLabel copyGenericArg?
    ;

copyGenericArg
    : booleanOrString                                                        #copyWordArg
    | numericOnly                                                            #copyNumberArg
    | STAR                                                                   #copyStarArg
    | OPEN_PAREN booleanOrString (COMMA booleanOrString)* CLOSE_PAREN        #copyListArg
    ;

booleanOrString
    : TRUE_P | FALSE_P | ON | nonReservedWord | sconst
    ;

// ---------------------------------------------------------------------------------------------------------
// Session parameters and transactions

variableSetStmt
    : SET (LOCAL | SESSION)? setRest
    ;

setRest
    : TRANSACTION transactionModeList                                  #setTransaction
    | SESSION CHARACTERISTICS AS TRANSACTION transactionModeList       #setSessionCharacteristics
    | TIME ZONE zoneValue                                              #setTimeZone
    | SCHEMA sconst                                                    #setSchema
    | NAMES (sconst | DEFAULT)?                                        #setNames
    | ROLE nonReservedWordOrSconst                                     #setRole
    | SESSION AUTHORIZATION (nonReservedWordOrSconst | DEFAULT)        #setSessionAuthorization
    | varName (TO | EQUAL) (varValue (COMMA varValue)* | DEFAULT)      #setVariable
    | varName FROM CURRENT_P                                           #setFromCurrent
    ;

varName
    : colId (DOT colId)*
    ;

varValue
    : booleanOrString | numericOnly
    ;

zoneValue
    : sconst                                                #zoneString
    | IDENT                                                 #zoneIdent
    | INTERVAL sconst intervalQualifier?                    #zoneInterval
    | INTERVAL OPEN_PAREN ICONST CLOSE_PAREN sconst         #zoneIntervalPrecision
    | numericOnly                                           #zoneNumber
    | (DEFAULT | LOCAL)                                     #zoneDefault
    ;

nonReservedWordOrSconst
    : nonReservedWord | sconst
    ;

variableResetStmt
    : RESET resetTarget
    ;

variableShowStmt
    : SHOW resetTarget
    ;

resetTarget
    : TIME ZONE                         #timeZoneTarget
    | TRANSACTION ISOLATION LEVEL       #isolationTarget
    | SESSION AUTHORIZATION             #sessionAuthorizationTarget
    | ALL                               #allTarget
    | varName                           #variableTarget
    ;

transactionStmt
    : (ABORT_P | ROLLBACK) (WORK | TRANSACTION)? (AND NO? CHAIN)?                   #rollbackStmt
    | BEGIN_P (WORK | TRANSACTION)? transactionModeList?                           #beginStmt
    | START TRANSACTION transactionModeList?                                       #startStmt
    | (COMMIT | END_P) (WORK | TRANSACTION)? (AND NO? CHAIN)?                      #commitStmt
    | SAVEPOINT colId                                                              #savepointStmt
    | RELEASE SAVEPOINT? colId                                                     #releaseStmt
    | ROLLBACK (WORK | TRANSACTION)? TO SAVEPOINT? colId                            #rollbackToStmt
    | PREPARE TRANSACTION sconst                                                   #prepareTransactionStmt
    | COMMIT PREPARED sconst                                                       #commitPreparedStmt
    | ROLLBACK PREPARED sconst                                                     #rollbackPreparedStmt
    ;

transactionModeList
    : transactionMode (COMMA? transactionMode)*
    ;

transactionMode
    : ISOLATION LEVEL isolationLevel    #isolationMode
    | READ ONLY                         #readOnlyMode
    | READ WRITE                        #readWriteMode
    | NOT? DEFERRABLE                   #deferrableMode
    ;

isolationLevel
    : READ UNCOMMITTED                  #readUncommitted
    | READ COMMITTED                    #readCommitted
    | REPEATABLE READ                   #repeatableRead
    | SERIALIZABLE                      #serializable
    ;

// ---------------------------------------------------------------------------------------------------------
// Prepared statements, cursors, notifications

prepareStmt
    : PREPARE colId (OPEN_PAREN typename (COMMA typename)* CLOSE_PAREN)? AS statement
    ;

executeStmt
    : EXECUTE colId (OPEN_PAREN exprList CLOSE_PAREN)?
    ;

deallocateStmt
    : DEALLOCATE PREPARE? (colId | ALL)
    ;

declareCursorStmt
    : DECLARE colId cursorOption* CURSOR ((WITH | WITHOUT) HOLD)? FOR query
    ;

cursorOption
    : NO SCROLL | SCROLL | BINARY | INSENSITIVE | ASENSITIVE
    ;

fetchStmt
    : (FETCH | MOVE) fetchDirection? (FROM | IN_P)? colId
    ;

fetchDirection
    : NEXT                                      #fetchNext
    | PRIOR                                     #fetchPrior
    | FIRST_P                                   #fetchFirstRow
    | LAST_P                                    #fetchLast
    | ABSOLUTE_P signedIconst                   #fetchAbsolute
    | RELATIVE_P signedIconst                   #fetchRelative
    | signedIconst                              #fetchCount
    | ALL                                       #fetchAll
    | FORWARD (signedIconst | ALL)?             #fetchForward
    | BACKWARD (signedIconst | ALL)?            #fetchBackward
    ;

signedIconst
    : (PLUS | MINUS)? ICONST
    ;

closeStmt
    : CLOSE (colId | ALL)
    ;

listenStmt
    : LISTEN colId
    ;

unlistenStmt
    : UNLISTEN (colId | STAR)
    ;

notifyStmt
    : NOTIFY colId (COMMA sconst)?
    ;

// ---------------------------------------------------------------------------------------------------------
// EXPLAIN, VACUUM, ANALYZE, DISCARD, CALL, DO

explainStmt
    : EXPLAIN OPEN_PAREN utilityOption (COMMA utilityOption)* CLOSE_PAREN statement     #explainWithOptions
    | EXPLAIN (ANALYZE | ANALYSE)? VERBOSE? statement                                   #explainPlain
    ;

utilityOption
    : (nonReservedWord | ANALYZE | ANALYSE) (booleanOrString | numericOnly)?
    ;

vacuumStmt
    : VACUUM OPEN_PAREN utilityOption (COMMA utilityOption)* CLOSE_PAREN vacuumRelationList?   #vacuumWithOptions
    | VACUUM FULL? FREEZE? VERBOSE? (ANALYZE | ANALYSE)? vacuumRelationList?                  #vacuumPlain
    ;

analyzeStmt
    : (ANALYZE | ANALYSE) OPEN_PAREN utilityOption (COMMA utilityOption)* CLOSE_PAREN vacuumRelationList?  #analyzeWithOptions
    | (ANALYZE | ANALYSE) VERBOSE? vacuumRelationList?                                                    #analyzePlain
    ;

vacuumRelationList
    : vacuumRelation (COMMA vacuumRelation)*
    ;

vacuumRelation
    : qualifiedName (OPEN_PAREN nameList CLOSE_PAREN)?
    ;

discardStmt
    : DISCARD target=(ALL | TEMP | TEMPORARY | PLANS | SEQUENCES)
    ;

callStmt
    : CALL funcApplication
    ;

doStmt
    : DO doItem+
    ;

doItem
    : sconst                                #doCode
    | LANGUAGE nonReservedWordOrSconst      #doLanguage
    ;

// ---------------------------------------------------------------------------------------------------------
// GRANT and REVOKE on tables, sequences, schemas, databases, types (not on functions, not role membership)

grantStmt
    : GRANT privileges ON privilegeTarget TO grantee (COMMA grantee)* (WITH GRANT OPTION)? (GRANTED BY roleSpec)?
    ;

revokeStmt
    : REVOKE (GRANT OPTION FOR)? privileges ON privilegeTarget FROM grantee (COMMA grantee)* (GRANTED BY roleSpec)?
      dropBehavior?
    ;

privileges
    : ALL PRIVILEGES? (OPEN_PAREN nameList CLOSE_PAREN)?     #allPrivileges
    | privilege (COMMA privilege)*                           #privilegeList
    ;

privilege
    : (SELECT | REFERENCES | CREATE | colId) (OPEN_PAREN nameList CLOSE_PAREN)?
    ;

privilegeTarget
    : TABLE? qualifiedName (COMMA qualifiedName)*                                        #tableTarget
    | type=(SEQUENCE | SCHEMA | DATABASE | TYPE_P | DOMAIN_P) anyName (COMMA anyName)*   #objectTarget
    | ALL type=(TABLES | SEQUENCES) IN_P SCHEMA nameList                                 #allInSchemaTarget
    ;

grantee
    : GROUP_P? roleSpec
    ;

roleSpec
    : nonReservedWord | CURRENT_ROLE | CURRENT_USER | SESSION_USER
    ;

// ---------------------------------------------------------------------------------------------------------
// Expressions

aExpr
    : cExpr                                                                   #aPrimary
    | aExpr TYPECAST typename                                                 #aTypecast
    | sign=(PLUS | MINUS) aExpr                                               #aSign
    | aExpr COLLATE anyName                                                   #aCollate
    | aExpr AT TIME ZONE aExpr                                                #aAtTimeZone
    | aExpr CARET aExpr                                                       #aPower
    | aExpr op=(STAR | SLASH | PERCENT) aExpr                                 #aMultiply
    | aExpr op=(PLUS | MINUS) aExpr                                           #aAdd
    | aExpr qualOp aExpr                                                      #aBinaryOp
    | qualOp aExpr                                                            #aPrefixOp
    | aExpr ESCAPE aExpr                                                      #aEscape
    | aExpr NOT? op=(LIKE | ILIKE) aExpr                                      #aLike
    | aExpr NOT? SIMILAR TO aExpr                                             #aSimilar
    | aExpr NOT? BETWEEN (SYMMETRIC | ASYMMETRIC)? bExpr AND aExpr            #aBetween
    | aExpr NOT? IN_P (parenQuery | OPEN_PAREN exprList CLOSE_PAREN)          #aIn
    | aExpr subqueryOp quantifier=(ANY | SOME | ALL) (parenQuery | OPEN_PAREN aExpr CLOSE_PAREN) #aQuantified
    | aExpr op=(LT | GT | EQUAL | LESS_EQUALS | GREATER_EQUALS | NOT_EQUALS) aExpr #aComparison
    | aExpr IS NOT? test=(NULL_P | TRUE_P | FALSE_P | UNKNOWN)                #aIsTest
    | aExpr test=(ISNULL | NOTNULL)                                           #aNullTest
    | aExpr IS NOT? DISTINCT FROM aExpr                                       #aDistinctFrom
    | NOT aExpr                                                               #aNot
    | aExpr AND aExpr                                                         #aAnd
    | aExpr OR aExpr                                                          #aOr
    | DEFAULT                                                                 #aDefault
    ;

// The restricted expression of BETWEEN's lower bound and POSITION's operands: no boolean operators, IS tests
// (but IS DISTINCT FROM), LIKE, IN, BETWEEN, COLLATE or AT TIME ZONE.
bExpr
    : cExpr                                                                   #bPrimary
    | bExpr TYPECAST typename                                                 #bTypecast
    | sign=(PLUS | MINUS) bExpr                                               #bSign
    | bExpr CARET bExpr                                                       #bPower
    | bExpr op=(STAR | SLASH | PERCENT) bExpr                                 #bMultiply
    | bExpr op=(PLUS | MINUS) bExpr                                           #bAdd
    | bExpr qualOp bExpr                                                      #bBinaryOp
    | qualOp bExpr                                                            #bPrefixOp
    | bExpr op=(LT | GT | EQUAL | LESS_EQUALS | GREATER_EQUALS | NOT_EQUALS) bExpr #bComparison
    | bExpr IS NOT? DISTINCT FROM bExpr                                       #bDistinctFrom
    ;

cExpr
    : columnRef                                                       #columnRefExpr
    | aexprConst                                                      #constExpr
    | PARAM indirectionStep*                                          #paramExpr
    | parenQuery indirectionStep*                                     #subqueryExpr
    | OPEN_PAREN aExpr (COMMA exprList)? CLOSE_PAREN indirectionStep* #parenExpr
    | caseExpr                                                        #caseExpression
    | funcExpr                                                        #functionExpr
    | EXISTS parenQuery                                               #existsExpr
    | ARRAY parenQuery                                                #arraySubqueryExpr
    | ARRAY arrayExpr                                                 #arrayConstructorExpr
    | ROW OPEN_PAREN exprList? CLOSE_PAREN                            #rowExpr
    | GROUPING OPEN_PAREN exprList CLOSE_PAREN                        #groupingExpr
    ;

columnRef
    : colId indirectionStep*
    ;

indirectionStep
    : DOT colLabel                                                    #fieldStep
    | DOT STAR                                                        #starStep
    | OPEN_BRACKET lower=aExpr? (COLON upper=aExpr?)? CLOSE_BRACKET   #subscriptStep
    ;

arrayExpr
    : OPEN_BRACKET (exprList | arrayExpr (COMMA arrayExpr)*)? CLOSE_BRACKET
    ;

caseExpr
    : CASE aExpr? (WHEN aExpr THEN aExpr)+ (ELSE aExpr)? END_P
    ;

exprList
    : aExpr (COMMA aExpr)*
    ;

// A function call: the name, the arguments, and (only for calls with a plain argument list) a string constant
// right after the parenthesis makes it a typed literal of a type with modifiers ("foo(10) 'text'").
funcExpr
    : funcApplication (SCONST | withinGroupClause? filterClause? overClause?)   #funcCall
    | funcExprCommon                                                           #specialFunc
    ;

funcExprWindowless
    : funcApplication       #plainFuncApplication
    | funcExprCommon        #specialFuncApplication
    ;

funcApplication
    : funcName OPEN_PAREN (STAR | (ALL | DISTINCT)? funcArg (COMMA funcArg)* sortClause?)? CLOSE_PAREN
    ;

funcArg
    : VARIADIC? (typeFunctionName (COLON_EQUALS | EQUALS_GREATER))? aExpr
    ;

withinGroupClause
    : WITHIN GROUP_P OPEN_PAREN sortClause CLOSE_PAREN
    ;

filterClause
    : FILTER OPEN_PAREN WHERE aExpr CLOSE_PAREN
    ;

overClause
    : OVER windowSpecification  #overWindow
    | OVER colId                #overName
    ;

// Functions with their own syntax (gram.y's func_expr_common_subexpr).
funcExprCommon
    : CURRENT_DATE                                                                   #currentDate
    | name=(CURRENT_TIME | CURRENT_TIMESTAMP | LOCALTIME | LOCALTIMESTAMP) (OPEN_PAREN ICONST CLOSE_PAREN)? #currentTime
    | name=(CURRENT_ROLE | CURRENT_USER | SESSION_USER | USER | CURRENT_CATALOG | CURRENT_SCHEMA) #currentUser
    | CAST OPEN_PAREN aExpr AS typename CLOSE_PAREN                                  #castFunc
    | EXTRACT OPEN_PAREN extractField FROM aExpr CLOSE_PAREN                         #extractFunc
    | OVERLAY OPEN_PAREN aExpr PLACING aExpr FROM aExpr (FOR aExpr)? CLOSE_PAREN     #overlayFunc
    | OVERLAY OPEN_PAREN exprList? CLOSE_PAREN                                       #overlayPlainFunc
    | POSITION OPEN_PAREN bExpr IN_P bExpr CLOSE_PAREN                               #positionFunc
    | SUBSTRING OPEN_PAREN aExpr substringTail CLOSE_PAREN                           #substringFunc
    | SUBSTRING OPEN_PAREN exprList? CLOSE_PAREN                                     #substringPlainFunc
    | TRIM OPEN_PAREN side=(BOTH | LEADING | TRAILING)? trimList CLOSE_PAREN         #trimFunc
    | NULLIF OPEN_PAREN aExpr COMMA aExpr CLOSE_PAREN                                #nullifFunc
    | COALESCE OPEN_PAREN exprList CLOSE_PAREN                                       #coalesceFunc
    | name=(GREATEST | LEAST) OPEN_PAREN exprList CLOSE_PAREN                        #minMaxFunc
    ;

extractField
    : IDENT | YEAR_P | MONTH_P | DAY_P | HOUR_P | MINUTE_P | SECOND_P | SCONST
    ;

substringTail
    : FROM from=aExpr (FOR forCount=aExpr)?     #substringFromFor
    | FOR forCount=aExpr (FROM from=aExpr)?     #substringForFrom
    | SIMILAR aExpr                             #substringSimilar
    ;

trimList
    : aExpr FROM exprList       #trimCharsFrom
    | FROM exprList             #trimFrom
    | exprList                  #trimPlain
    ;

aexprConst
    : ICONST                                                      #integerConst
    | FCONST                                                      #floatConst
    | sconst                                                      #stringConst
    | BCONST                                                      #bitConst
    | XCONST                                                      #hexConst
    | funcName sconst                                             #genericTypedConst
    | constTypename sconst                                        #typedConst
    | INTERVAL sconst intervalQualifier?                          #intervalConst
    | INTERVAL OPEN_PAREN ICONST CLOSE_PAREN sconst               #intervalPrecisionConst
    | TRUE_P                                                      #trueConst
    | FALSE_P                                                     #falseConst
    | NULL_P                                                      #nullConst
    ;

sconst
    : SCONST                        #plainString
    | USCONST (UESCAPE SCONST)?     #unicodeString
    ;

// ---------------------------------------------------------------------------------------------------------
// Operators

qualOp
    : Op                                                  #plainOp
    | OPERATOR OPEN_PAREN anyOperator CLOSE_PAREN         #explicitOp
    ;

qualAllOp
    : allOp                                               #plainAllOp
    | OPERATOR OPEN_PAREN anyOperator CLOSE_PAREN         #explicitAllOp
    ;

subqueryOp
    : allOp                                               #plainSubqueryOp
    | OPERATOR OPEN_PAREN anyOperator CLOSE_PAREN         #explicitSubqueryOp
    | NOT? op=(LIKE | ILIKE)                              #likeSubqueryOp
    ;

anyOperator
    : (colId DOT)* allOp
    ;

allOp
    : Op | PLUS | MINUS | STAR | SLASH | PERCENT | CARET | LT | GT | EQUAL | LESS_EQUALS | GREATER_EQUALS | NOT_EQUALS
    ;

// ---------------------------------------------------------------------------------------------------------
// Type names

typename
    : SETOF? simpleTypename (arrayBounds | ARRAY (OPEN_BRACKET ICONST CLOSE_BRACKET)?)?
    ;

arrayBounds
    : (OPEN_BRACKET ICONST? CLOSE_BRACKET)+
    ;

simpleTypename
    : numericType                                                       #numericTypename
    | bitType                                                           #bitTypename
    | characterType                                                     #characterTypename
    | datetimeType                                                      #datetimeTypename
    | INTERVAL (intervalQualifier | OPEN_PAREN ICONST CLOSE_PAREN)?      #intervalTypename
    | typeFunctionName (DOT colLabel)* typeModifiers?                   #genericTypename
    ;

// The type names a typed literal may start with (besides generic names, which aexprConst takes as funcName).
constTypename
    : numericType           #numericConstType
    | bitType               #bitConstType
    | characterType         #characterConstType
    | datetimeType          #datetimeConstType
    ;

typeModifiers
    : OPEN_PAREN exprList CLOSE_PAREN
    ;

numericType
    : INT_P                                             #intType
    | INTEGER                                           #integerType
    | SMALLINT                                          #smallintType
    | BIGINT                                            #bigintType
    | REAL                                              #realType
    | FLOAT_P (OPEN_PAREN ICONST CLOSE_PAREN)?          #floatType
    | DOUBLE_P PRECISION                                #doubleType
    | (DECIMAL_P | DEC | NUMERIC) typeModifiers?        #decimalType
    | BOOLEAN_P                                         #booleanType
    ;

bitType
    : BIT VARYING? typeModifiers?
    ;

characterType
    : (CHARACTER VARYING? | CHAR_P VARYING? | VARCHAR | NATIONAL (CHARACTER | CHAR_P) VARYING? | NCHAR VARYING?)
      (OPEN_PAREN ICONST CLOSE_PAREN)?
    ;

datetimeType
    : kind=(TIMESTAMP | TIME) (OPEN_PAREN ICONST CLOSE_PAREN)? (zone=(WITH | WITHOUT) TIME ZONE)?
    ;

intervalQualifier
    : YEAR_P                                            #yearInterval
    | MONTH_P                                           #monthInterval
    | DAY_P                                             #dayInterval
    | HOUR_P                                            #hourInterval
    | MINUTE_P                                          #minuteInterval
    | intervalSecond                                    #secondInterval
    | YEAR_P TO MONTH_P                                 #yearToMonthInterval
    | DAY_P TO HOUR_P                                   #dayToHourInterval
    | DAY_P TO MINUTE_P                                 #dayToMinuteInterval
    | DAY_P TO intervalSecond                           #dayToSecondInterval
    | HOUR_P TO MINUTE_P                                #hourToMinuteInterval
    | HOUR_P TO intervalSecond                          #hourToSecondInterval
    | MINUTE_P TO intervalSecond                        #minuteToSecondInterval
    ;

intervalSecond
    : SECOND_P (OPEN_PAREN ICONST CLOSE_PAREN)?
    ;

// ---------------------------------------------------------------------------------------------------------
// Names

qualifiedName
    : colId (DOT colLabel)*
    ;

anyName
    : colId (DOT colLabel)*
    ;

funcName
    : typeFunctionName                  #simpleFuncName
    | colId (DOT colLabel)+             #qualifiedFuncName
    ;

nameList
    : colId (COMMA colId)*
    ;

identifier
    : IDENT                             #plainIdentifier
    | UIDENT (UESCAPE SCONST)?          #unicodeIdentifier
    ;

colId
    : identifier | unreservedKeyword | colNameKeyword
    ;

typeFunctionName
    : identifier | unreservedKeyword | typeFuncNameKeyword
    ;

nonReservedWord
    : identifier | unreservedKeyword | colNameKeyword | typeFuncNameKeyword
    ;

colLabel
    : identifier | unreservedKeyword | colNameKeyword | typeFuncNameKeyword | reservedKeyword
    ;

bareColLabel
    : identifier | bareLabelKeyword
    ;

// ---------------------------------------------------------------------------------------------------------
// Keywords by category (generated from PostgreSqlKeywords, PostgreSQL 15's kwlist.h)

unreservedKeyword
    : ABORT_P | ABSOLUTE_P | ACCESS | ACTION | ADD_P | ADMIN | AFTER | AGGREGATE | ALSO | ALTER | ALWAYS
    | ASENSITIVE | ASSERTION | ASSIGNMENT | AT | ATOMIC | ATTACH | ATTRIBUTE | BACKWARD | BEFORE | BEGIN_P
    | BREADTH | BY | CACHE | CALL | CALLED | CASCADE | CASCADED | CATALOG_P | CHAIN | CHARACTERISTICS
    | CHECKPOINT | CLASS | CLOSE | CLUSTER | COLUMNS | COMMENT | COMMENTS | COMMIT | COMMITTED | COMPRESSION
    | CONFIGURATION | CONFLICT | CONNECTION | CONSTRAINTS | CONTENT_P | CONTINUE_P | CONVERSION_P | COPY | COST
    | CSV | CUBE | CURRENT_P | CURSOR | CYCLE | DATA_P | DATABASE | DAY_P | DEALLOCATE | DECLARE | DEFAULTS
    | DEFERRED | DEFINER | DELETE_P | DELIMITER | DELIMITERS | DEPENDS | DEPTH | DETACH | DICTIONARY
    | DISABLE_P | DISCARD | DOCUMENT_P | DOMAIN_P | DOUBLE_P | DROP | EACH | ENABLE_P | ENCODING | ENCRYPTED
    | ENUM_P | ESCAPE | EVENT | EXCLUDE | EXCLUDING | EXCLUSIVE | EXECUTE | EXPLAIN | EXPRESSION | EXTENSION
    | EXTERNAL | FAMILY | FILTER | FINALIZE | FIRST_P | FOLLOWING | FORCE | FORWARD | FUNCTION | FUNCTIONS
    | GENERATED | GLOBAL | GRANTED | GROUPS | HANDLER | HEADER_P | HOLD | HOUR_P | IDENTITY_P | IF_P
    | IMMEDIATE | IMMUTABLE | IMPLICIT_P | IMPORT_P | INCLUDE | INCLUDING | INCREMENT | INDEX | INDEXES
    | INHERIT | INHERITS | INLINE_P | INPUT_P | INSENSITIVE | INSERT | INSTEAD | INVOKER | ISOLATION | KEY
    | LABEL | LANGUAGE | LARGE_P | LAST_P | LEAKPROOF | LEVEL | LISTEN | LOAD | LOCAL | LOCATION | LOCK_P
    | LOCKED | LOGGED | MAPPING | MATCH | MATCHED | MATERIALIZED | MAXVALUE | MERGE | METHOD | MINUTE_P
    | MINVALUE | MODE | MONTH_P | MOVE | NAME_P | NAMES | NEW | NEXT | NFC | NFD | NFKC | NFKD | NO
    | NORMALIZED | NOTHING | NOTIFY | NOWAIT | NULLS_P | OBJECT_P | OF | OFF | OIDS | OLD | OPERATOR | OPTION
    | OPTIONS | ORDINALITY | OTHERS | OVER | OVERRIDING | OWNED | OWNER | PARALLEL | PARAMETER | PARSER
    | PARTIAL | PARTITION | PASSING | PASSWORD | PLANS | POLICY | PRECEDING | PREPARE | PREPARED | PRESERVE
    | PRIOR | PRIVILEGES | PROCEDURAL | PROCEDURE | PROCEDURES | PROGRAM | PUBLICATION | QUOTE | RANGE | READ
    | REASSIGN | RECHECK | RECURSIVE | REF | REFERENCING | REFRESH | REINDEX | RELATIVE_P | RELEASE | RENAME
    | REPEATABLE | REPLACE | REPLICA | RESET | RESTART | RESTRICT | RETURN | RETURNS | REVOKE | ROLE | ROLLBACK
    | ROLLUP | ROUTINE | ROUTINES | ROWS | RULE | SAVEPOINT | SCHEMA | SCHEMAS | SCROLL | SEARCH | SECOND_P
    | SECURITY | SEQUENCE | SEQUENCES | SERIALIZABLE | SERVER | SESSION | SET | SETS | SHARE | SHOW | SIMPLE
    | SKIP | SNAPSHOT | SQL_P | STABLE | STANDALONE_P | START | STATEMENT | STATISTICS | STDIN | STDOUT
    | STORAGE | STORED | STRICT_P | STRIP_P | SUBSCRIPTION | SUPPORT | SYSID | SYSTEM_P | TABLES | TABLESPACE
    | TEMP | TEMPLATE | TEMPORARY | TEXT_P | TIES | TRANSACTION | TRANSFORM | TRIGGER | TRUNCATE | TRUSTED
    | TYPE_P | TYPES_P | UESCAPE | UNBOUNDED | UNCOMMITTED | UNENCRYPTED | UNKNOWN | UNLISTEN | UNLOGGED
    | UNTIL | UPDATE | VACUUM | VALID | VALIDATE | VALIDATOR | VALUE_P | VARYING | VERSION_P | VIEW | VIEWS
    | VOLATILE | WHITESPACE_P | WITHIN | WITHOUT | WORK | WRAPPER | WRITE | XML_P | YEAR_P | YES_P | ZONE
    ;

colNameKeyword
    : BETWEEN | BIGINT | BIT | BOOLEAN_P | CHAR_P | CHARACTER | COALESCE | DEC | DECIMAL_P | EXISTS | EXTRACT
    | FLOAT_P | GREATEST | GROUPING | INOUT | INT_P | INTEGER | INTERVAL | LEAST | NATIONAL | NCHAR | NONE
    | NORMALIZE | NULLIF | NUMERIC | OUT_P | OVERLAY | POSITION | PRECISION | REAL | ROW | SETOF | SMALLINT
    | SUBSTRING | TIME | TIMESTAMP | TREAT | TRIM | VALUES | VARCHAR | XMLATTRIBUTES | XMLCONCAT | XMLELEMENT
    | XMLEXISTS | XMLFOREST | XMLNAMESPACES | XMLPARSE | XMLPI | XMLROOT | XMLSERIALIZE | XMLTABLE
    ;

typeFuncNameKeyword
    : AUTHORIZATION | BINARY | COLLATION | CONCURRENTLY | CROSS | CURRENT_SCHEMA | FREEZE | FULL | ILIKE
    | INNER_P | IS | ISNULL | JOIN | LEFT | LIKE | NATURAL | NOTNULL | OUTER_P | OVERLAPS | RIGHT | SIMILAR
    | TABLESAMPLE | VERBOSE
    ;

reservedKeyword
    : ALL | ANALYSE | ANALYZE | AND | ANY | ARRAY | AS | ASC | ASYMMETRIC | BOTH | CASE | CAST | CHECK
    | COLLATE | COLUMN | CONSTRAINT | CREATE | CURRENT_CATALOG | CURRENT_DATE | CURRENT_ROLE | CURRENT_TIME
    | CURRENT_TIMESTAMP | CURRENT_USER | DEFAULT | DEFERRABLE | DESC | DISTINCT | DO | ELSE | END_P | EXCEPT
    | FALSE_P | FETCH | FOR | FOREIGN | FROM | GRANT | GROUP_P | HAVING | IN_P | INITIALLY | INTERSECT | INTO
    | LATERAL_P | LEADING | LIMIT | LOCALTIME | LOCALTIMESTAMP | NOT | NULL_P | OFFSET | ON | ONLY | OR | ORDER
    | PLACING | PRIMARY | REFERENCES | RETURNING | SELECT | SESSION_USER | SOME | SYMMETRIC | TABLE | THEN | TO
    | TRAILING | TRUE_P | UNION | UNIQUE | USER | USING | VARIADIC | WHEN | WHERE | WINDOW | WITH
    ;

bareLabelKeyword
    : ABORT_P | ABSOLUTE_P | ACCESS | ACTION | ADD_P | ADMIN | AFTER | AGGREGATE | ALL | ALSO | ALTER | ALWAYS
    | ANALYSE | ANALYZE | AND | ANY | ASC | ASENSITIVE | ASSERTION | ASSIGNMENT | ASYMMETRIC | AT | ATOMIC
    | ATTACH | ATTRIBUTE | AUTHORIZATION | BACKWARD | BEFORE | BEGIN_P | BETWEEN | BIGINT | BINARY | BIT
    | BOOLEAN_P | BOTH | BREADTH | BY | CACHE | CALL | CALLED | CASCADE | CASCADED | CASE | CAST | CATALOG_P
    | CHAIN | CHARACTERISTICS | CHECK | CHECKPOINT | CLASS | CLOSE | CLUSTER | COALESCE | COLLATE | COLLATION
    | COLUMN | COLUMNS | COMMENT | COMMENTS | COMMIT | COMMITTED | COMPRESSION | CONCURRENTLY | CONFIGURATION
    | CONFLICT | CONNECTION | CONSTRAINT | CONSTRAINTS | CONTENT_P | CONTINUE_P | CONVERSION_P | COPY | COST
    | CROSS | CSV | CUBE | CURRENT_P | CURRENT_CATALOG | CURRENT_DATE | CURRENT_ROLE | CURRENT_SCHEMA
    | CURRENT_TIME | CURRENT_TIMESTAMP | CURRENT_USER | CURSOR | CYCLE | DATA_P | DATABASE | DEALLOCATE | DEC
    | DECIMAL_P | DECLARE | DEFAULT | DEFAULTS | DEFERRABLE | DEFERRED | DEFINER | DELETE_P | DELIMITER
    | DELIMITERS | DEPENDS | DEPTH | DESC | DETACH | DICTIONARY | DISABLE_P | DISCARD | DISTINCT | DO
    | DOCUMENT_P | DOMAIN_P | DOUBLE_P | DROP | EACH | ELSE | ENABLE_P | ENCODING | ENCRYPTED | END_P | ENUM_P
    | ESCAPE | EVENT | EXCLUDE | EXCLUDING | EXCLUSIVE | EXECUTE | EXISTS | EXPLAIN | EXPRESSION | EXTENSION
    | EXTERNAL | EXTRACT | FALSE_P | FAMILY | FINALIZE | FIRST_P | FLOAT_P | FOLLOWING | FORCE | FOREIGN
    | FORWARD | FREEZE | FULL | FUNCTION | FUNCTIONS | GENERATED | GLOBAL | GRANTED | GREATEST | GROUPING
    | GROUPS | HANDLER | HEADER_P | HOLD | IDENTITY_P | IF_P | ILIKE | IMMEDIATE | IMMUTABLE | IMPLICIT_P
    | IMPORT_P | IN_P | INCLUDE | INCLUDING | INCREMENT | INDEX | INDEXES | INHERIT | INHERITS | INITIALLY
    | INLINE_P | INNER_P | INOUT | INPUT_P | INSENSITIVE | INSERT | INSTEAD | INT_P | INTEGER | INTERVAL
    | INVOKER | IS | ISOLATION | JOIN | KEY | LABEL | LANGUAGE | LARGE_P | LAST_P | LATERAL_P | LEADING
    | LEAKPROOF | LEAST | LEFT | LEVEL | LIKE | LISTEN | LOAD | LOCAL | LOCALTIME | LOCALTIMESTAMP | LOCATION
    | LOCK_P | LOCKED | LOGGED | MAPPING | MATCH | MATCHED | MATERIALIZED | MAXVALUE | MERGE | METHOD
    | MINVALUE | MODE | MOVE | NAME_P | NAMES | NATIONAL | NATURAL | NCHAR | NEW | NEXT | NFC | NFD | NFKC
    | NFKD | NO | NONE | NORMALIZE | NORMALIZED | NOT | NOTHING | NOTIFY | NOWAIT | NULL_P | NULLIF | NULLS_P
    | NUMERIC | OBJECT_P | OF | OFF | OIDS | OLD | ONLY | OPERATOR | OPTION | OPTIONS | OR | ORDINALITY
    | OTHERS | OUT_P | OUTER_P | OVERLAY | OVERRIDING | OWNED | OWNER | PARALLEL | PARAMETER | PARSER | PARTIAL
    | PARTITION | PASSING | PASSWORD | PLACING | PLANS | POLICY | POSITION | PRECEDING | PREPARE | PREPARED
    | PRESERVE | PRIMARY | PRIOR | PRIVILEGES | PROCEDURAL | PROCEDURE | PROCEDURES | PROGRAM | PUBLICATION
    | QUOTE | RANGE | READ | REAL | REASSIGN | RECHECK | RECURSIVE | REF | REFERENCES | REFERENCING | REFRESH
    | REINDEX | RELATIVE_P | RELEASE | RENAME | REPEATABLE | REPLACE | REPLICA | RESET | RESTART | RESTRICT
    | RETURN | RETURNS | REVOKE | RIGHT | ROLE | ROLLBACK | ROLLUP | ROUTINE | ROUTINES | ROW | ROWS | RULE
    | SAVEPOINT | SCHEMA | SCHEMAS | SCROLL | SEARCH | SECURITY | SELECT | SEQUENCE | SEQUENCES | SERIALIZABLE
    | SERVER | SESSION | SESSION_USER | SET | SETOF | SETS | SHARE | SHOW | SIMILAR | SIMPLE | SKIP | SMALLINT
    | SNAPSHOT | SOME | SQL_P | STABLE | STANDALONE_P | START | STATEMENT | STATISTICS | STDIN | STDOUT
    | STORAGE | STORED | STRICT_P | STRIP_P | SUBSCRIPTION | SUBSTRING | SUPPORT | SYMMETRIC | SYSID | SYSTEM_P
    | TABLE | TABLES | TABLESAMPLE | TABLESPACE | TEMP | TEMPLATE | TEMPORARY | TEXT_P | THEN | TIES | TIME
    | TIMESTAMP | TRAILING | TRANSACTION | TRANSFORM | TREAT | TRIGGER | TRIM | TRUE_P | TRUNCATE | TRUSTED
    | TYPE_P | TYPES_P | UESCAPE | UNBOUNDED | UNCOMMITTED | UNENCRYPTED | UNIQUE | UNKNOWN | UNLISTEN
    | UNLOGGED | UNTIL | UPDATE | USER | USING | VACUUM | VALID | VALIDATE | VALIDATOR | VALUE_P | VALUES
    | VARCHAR | VARIADIC | VERBOSE | VERSION_P | VIEW | VIEWS | VOLATILE | WHEN | WHITESPACE_P | WORK | WRAPPER
    | WRITE | XML_P | XMLATTRIBUTES | XMLCONCAT | XMLELEMENT | XMLEXISTS | XMLFOREST | XMLNAMESPACES | XMLPARSE
    | XMLPI | XMLROOT | XMLSERIALIZE | XMLTABLE | YES_P | ZONE
    ;

